-- The audit trail of papers that no longer exist: who deleted which draft, with which reference, when.
-- It keeps no foreign key to paper (the row is gone) and is only ever appended to. A deleted draft's
-- Drucksachennummer is not handed out again; this record explains the gap in the numbering.
create table paper_event (
  id bigint generated always as identity,
  body_id uuid not null,
  paper_id uuid not null,
  kind text not null,
  reference text not null,
  subject text not null,
  actor_id uuid,
  actor_name text not null,
  created_at timestamptz not null default now(),
  constraint paper_event_pkey primary key (id),
  constraint paper_event_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint paper_event_actor_id_fkey foreign key (actor_id) references app_user (id) on delete set null,
  constraint paper_event_kind_check check (kind in ('deleted'))
);
create index paper_event_body_id_idx on paper_event (body_id, id);
