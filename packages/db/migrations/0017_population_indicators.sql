-- The population tables become indicators (issue #17): per body and dataset a total "Einwohner <dataset> –
-- Insgesamt" and its parts (male, female, each age group) with part_of set to the total, all counts of persons.
-- Disclosure control then treats them like every other figure; the raw table goes.

insert into indicator (body_id, name, unit, kind, topic, source, description)
select distinct s.body_id, 'Einwohner ' || p.dataset || ' – Insgesamt', 'Personen', 'count', 'Bevölkerung',
       'Bevölkerungstabelle der Statistikstelle (übernommen)', 'Einwohnerinnen und Einwohner (' || p.dataset || ')'
from sozialraum_population p
join sozialraum s on s.id = p.sozialraum_id
on conflict on constraint indicator_body_id_name_uq do nothing;

insert into indicator (body_id, name, unit, kind, topic, source, description, part_of)
select distinct s.body_id, 'Einwohner ' || p.dataset || ' – ' || part.label, 'Personen', 'count', 'Bevölkerung',
       'Bevölkerungstabelle der Statistikstelle (übernommen)', part.label || ' (' || p.dataset || ')', t.id
from sozialraum_population p
join sozialraum s on s.id = p.sozialraum_id
join indicator t on t.body_id = s.body_id and t.name = 'Einwohner ' || p.dataset || ' – Insgesamt'
cross join lateral (
  select 'Männlich' as label
  union all select 'Weiblich'
  union all select g ->> 'label' from jsonb_array_elements(p.age_groups) g
) part
where part.label is not null and part.label <> 'Insgesamt'
on conflict on constraint indicator_body_id_name_uq do nothing;

insert into indicator_value (indicator_id, sozialraum_id, reference_date, value)
select i.id, p.sozialraum_id, p.reference_date, v.value
from sozialraum_population p
join sozialraum s on s.id = p.sozialraum_id
cross join lateral (
  select 'Insgesamt' as label, p.total::numeric as value
  union all select 'Männlich', p.male::numeric
  union all select 'Weiblich', p.female::numeric
  union all select g ->> 'label', (g ->> 'count')::numeric from jsonb_array_elements(p.age_groups) g
) v
join indicator i on i.body_id = s.body_id and i.name = 'Einwohner ' || p.dataset || ' – ' || v.label
where v.value is not null
on conflict on constraint indicator_value_uq do nothing;

drop table sozialraum_population;
