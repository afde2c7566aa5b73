-- Collaborative documents: append-only update log, one compacted snapshot per document,
-- quarantine for rows that no longer decode, named versions, and the needs projection.

-- The identity is the log's sequence: ordered per document by id, safe with several writers.
create table document_update (
  id bigint generated always as identity,
  document_id uuid not null,
  data bytea not null,
  author_id uuid,
  created_at timestamptz not null default now(),
  constraint document_update_pkey primary key (id),
  constraint document_update_document_id_fkey foreign key (document_id) references document (id) on delete cascade,
  constraint document_update_author_id_fkey foreign key (author_id) references app_user (id) on delete set null
);
create index document_update_document_id_id_idx on document_update (document_id, id);

-- Replaced together with deleting the folded updates, in one transaction: a crash leaves either.
create table document_snapshot (
  document_id uuid not null,
  state bytea not null,
  state_vector bytea not null,
  last_update_id bigint not null,
  created_at timestamptz not null default now(),
  constraint document_snapshot_pkey primary key (document_id),
  constraint document_snapshot_document_id_fkey foreign key (document_id) references document (id) on delete cascade
);

create table document_update_quarantine (
  id bigint not null,
  document_id uuid not null,
  data bytea not null,
  author_id uuid,
  created_at timestamptz not null,
  quarantined_at timestamptz not null default now(),
  reason text not null,
  constraint document_update_quarantine_pkey primary key (id)
);

-- Set once, when the server wrote the document's initial content (the action-plan template).
alter table document add column initialized_at timestamptz;

create table document_version (
  id uuid not null default gen_random_uuid(),
  document_id uuid not null,
  name text not null,
  state bytea not null,
  author_id uuid,
  created_at timestamptz not null default now(),
  constraint document_version_pkey primary key (id),
  constraint document_version_document_id_fkey foreign key (document_id) references document (id) on delete cascade,
  constraint document_version_author_id_fkey foreign key (author_id) references app_user (id) on delete set null
);
create index document_version_document_id_idx on document_version (document_id, created_at);

-- Needs as rows, projected from the needs document after every persisted change.
create table need (
  document_id uuid not null,
  id text not null,
  position integer not null,
  title text not null,
  description text not null,
  target_group text not null,
  source text not null,
  priority text not null,
  status text not null,
  votes integer not null,
  created_by text,
  created_at text,
  constraint need_pkey primary key (document_id, id),
  constraint need_document_id_fkey foreign key (document_id) references document (id) on delete cascade
);
