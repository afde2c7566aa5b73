-- Measures (Maßnahmen): relational, versioned for optimistic concurrency, with an append-only
-- audit trail. Money is numeric(12,2) in EUR: exact cents, sums in SQL without rounding drift.

create table measure (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  title text not null,
  description text not null default '',
  city_wide boolean not null default false,
  handlungsfeld text not null default '',
  responsible_department text not null default '',
  provider text not null default '',
  target_group text not null default '',
  cost_one_off numeric(12, 2),
  cost_yearly numeric(12, 2),
  funding_source text,
  funding_programme text not null default '',
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  goals jsonb not null default '[]',
  progress integer not null default 0,
  status text not null default 'idea',
  deferred_from text,
  decision_date date,
  paper_reference text,
  version integer not null default 1,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint measure_pkey primary key (id),
  constraint measure_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint measure_created_by_fkey foreign key (created_by) references app_user (id) on delete set null,
  constraint measure_status_check check (status in ('idea', 'recommended', 'planned', 'in_consultation',
    'decided', 'in_implementation', 'completed', 'evaluated', 'rejected', 'deferred')),
  -- deferred_from is exactly the state a deferred measure left (the workflow returns to it).
  constraint measure_deferred_from_check check ((status = 'deferred') = (deferred_from is not null)),
  constraint measure_funding_source_check check (funding_source in ('eu', 'bund', 'land', 'kommunal')),
  constraint measure_progress_check check (progress between 0 and 100),
  constraint measure_cost_check check (cost_one_off >= 0 and cost_yearly >= 0)
);
create index measure_body_id_status_idx on measure (body_id, status);

create table measure_sozialraum (
  measure_id uuid not null,
  sozialraum_id uuid not null,
  constraint measure_sozialraum_pkey primary key (measure_id, sozialraum_id),
  constraint measure_sozialraum_measure_id_fkey foreign key (measure_id) references measure (id) on delete cascade,
  constraint measure_sozialraum_sozialraum_id_fkey foreign key (sozialraum_id) references sozialraum (id) on delete cascade
);
create index measure_sozialraum_sozialraum_id_idx on measure_sozialraum (sozialraum_id);

-- Links to needs of the projection. No foreign key to `need`: the projection is rebuilt (delete +
-- insert) on every change of the needs document, which would drop the links. The title is kept so
-- a need removed from the document still shows what it was.
create table measure_need (
  measure_id uuid not null,
  document_id uuid not null,
  need_id text not null,
  title text not null,
  constraint measure_need_pkey primary key (measure_id, document_id, need_id),
  constraint measure_need_measure_id_fkey foreign key (measure_id) references measure (id) on delete cascade,
  constraint measure_need_document_id_fkey foreign key (document_id) references document (id) on delete cascade
);
create index measure_need_document_id_need_id_idx on measure_need (document_id, need_id);

-- The audit trail: one row per creation, field change and transition; never updated or deleted.
create table measure_event (
  id bigint generated always as identity,
  measure_id uuid not null,
  body_id uuid not null,
  kind text not null,
  actor_id uuid,
  actor_name text not null,
  from_status text,
  to_status text,
  comment text,
  changes jsonb not null default '{}',
  data jsonb not null default '{}',
  version integer not null,
  created_at timestamptz not null default now(),
  constraint measure_event_pkey primary key (id),
  constraint measure_event_measure_id_fkey foreign key (measure_id) references measure (id) on delete cascade,
  constraint measure_event_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint measure_event_actor_id_fkey foreign key (actor_id) references app_user (id) on delete set null,
  constraint measure_event_kind_check check (kind in ('created', 'updated', 'transition'))
);
create index measure_event_measure_id_idx on measure_event (measure_id, id);

-- Append-only by the database, not only by the API: a direct UPDATE or DELETE fails. Cascades
-- from deleting a body, measure or user run inside the foreign-key triggers (depth > 0) and pass.
create function measure_event_append_only() returns trigger language plpgsql as $$
begin
  if pg_trigger_depth() = 1 then
    raise exception 'measure_event is append-only' using errcode = 'insufficient_privilege';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger measure_event_append_only before update or delete on measure_event
  for each row execute function measure_event_append_only();
