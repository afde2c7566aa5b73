-- The map: a boundary drawn schematically (the demo's) says so on the map; an uploaded one is real.
alter table sozialraum add column boundary_schematic boolean not null default false;
