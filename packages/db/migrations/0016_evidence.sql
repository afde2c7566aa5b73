-- Evidence: indicators with values per Sozialraum and reference date (after KomMonitor's model), the
-- boundaries of the Sozialräume, the inventory of offers (Bestandserhebung), and needs citing a figure.

-- Counts below this are never published (statistical disclosure control); a body may set a higher one.
alter table body add column disclosure_threshold integer not null default 3;
alter table body add constraint body_disclosure_threshold_check check (disclosure_threshold between 2 and 20);

create table indicator (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  name text not null,
  unit text not null default '',
  kind text not null,
  topic text not null default '',
  source text not null default '',
  description text not null default '',
  -- Decimal places shown.
  precision smallint not null default 0,
  -- The total this indicator is a part of (an age group of the population): the parts of a total add up to
  -- it, an equation disclosure control must know.
  part_of uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint indicator_pkey primary key (id),
  constraint indicator_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint indicator_part_of_fkey foreign key (part_of) references indicator (id) on delete set null,
  constraint indicator_body_id_name_uq unique (body_id, name),
  constraint indicator_kind_check check (kind in ('count', 'rate', 'share', 'mean')),
  constraint indicator_precision_check check (precision between 0 and 4)
);

-- One value per indicator, Sozialraum (null: the whole city) and reference date.
create table indicator_value (
  indicator_id uuid not null,
  sozialraum_id uuid,
  reference_date date not null,
  value numeric not null,
  constraint indicator_value_indicator_id_fkey foreign key (indicator_id) references indicator (id) on delete cascade,
  constraint indicator_value_sozialraum_id_fkey foreign key (sozialraum_id) references sozialraum (id) on delete cascade,
  constraint indicator_value_uq unique nulls not distinct (indicator_id, sozialraum_id, reference_date)
);
create index indicator_value_sozialraum_id_idx on indicator_value (sozialraum_id, indicator_id);

-- The boundary as GeoJSON (Polygon or MultiPolygon, WGS84), validated by the API.
alter table sozialraum add column boundary jsonb;

create table offer (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  name text not null,
  provider text not null default '',
  category text not null default '',
  target_groups jsonb not null default '[]',
  address text not null default '',
  contact text not null default '',
  opening_hours text not null default '',
  lat double precision,
  lon double precision,
  -- Set from the location when a boundary contains it, else as entered.
  sozialraum_id uuid,
  published boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint offer_pkey primary key (id),
  constraint offer_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint offer_sozialraum_id_fkey foreign key (sozialraum_id) references sozialraum (id) on delete set null,
  constraint offer_location_check check ((lat is null) = (lon is null)
    and (lat is null or (lat between -90 and 90 and lon between -180 and 180)))
);
create index offer_body_id_idx on offer (body_id, sozialraum_id);

-- A need grounded in a figure, frozen as it was cited: the indicator may change or go, the citation stays.
create table need_citation (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  document_id uuid not null,
  need_id text not null,
  indicator_id uuid,
  indicator_name text not null,
  unit text not null,
  sozialraum_id uuid,
  sozialraum_name text not null,
  reference_date date not null,
  -- null when the figure was suppressed by disclosure control at the time it was cited.
  value numeric,
  cited_by uuid,
  cited_at timestamptz not null default now(),
  constraint need_citation_pkey primary key (id),
  constraint need_citation_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint need_citation_document_id_fkey foreign key (document_id) references document (id) on delete cascade,
  constraint need_citation_indicator_id_fkey foreign key (indicator_id) references indicator (id) on delete set null,
  constraint need_citation_sozialraum_id_fkey foreign key (sozialraum_id) references sozialraum (id) on delete set null,
  constraint need_citation_cited_by_fkey foreign key (cited_by) references app_user (id) on delete set null
);
create index need_citation_document_id_idx on need_citation (document_id, need_id);
