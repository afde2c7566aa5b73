-- Foundation: bodies (municipalities), users, sessions, Sozialräume with their documents, committees.
-- Everything a user can see hangs off one body; queries always filter by body_id.

create table body (
  id uuid not null default gen_random_uuid(),
  name text not null,
  created_at timestamptz not null default now(),
  constraint body_pkey primary key (id),
  constraint body_name_uq unique (name)
);

create table app_user (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  email text not null,
  name text not null,
  role text not null,
  password_hash text not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint app_user_pkey primary key (id),
  constraint app_user_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint app_user_role_check check (role in ('admin', 'clerk', 'member')),
  -- Login is by e-mail alone, so an address is unique across all bodies of an installation.
  constraint app_user_email_uq unique (email),
  constraint app_user_email_lower_check check (email = lower(email))
);
create index app_user_body_id_idx on app_user (body_id);

-- Sessions per the Lucia guide: the id is the SHA-256 of the token, the token itself is never stored.
create table session (
  id text not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  constraint session_pkey primary key (id),
  constraint session_user_id_fkey foreign key (user_id) references app_user (id) on delete cascade
);
create index session_user_id_idx on session (user_id);

create table sozialraum (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  code text not null,
  name text not null,
  stadtbezirk text not null default '',
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sozialraum_pkey primary key (id),
  constraint sozialraum_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint sozialraum_body_id_code_uq unique (body_id, code)
);

-- The collaborative (Yjs) documents a Sozialraum owns; created together with it.
create table document (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  sozialraum_id uuid not null,
  kind text not null,
  created_at timestamptz not null default now(),
  constraint document_pkey primary key (id),
  constraint document_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint document_sozialraum_id_fkey foreign key (sozialraum_id) references sozialraum (id) on delete cascade,
  constraint document_kind_check check (kind in ('action_plan', 'needs')),
  constraint document_sozialraum_id_kind_uq unique (sozialraum_id, kind)
);

create table membership (
  user_id uuid not null,
  sozialraum_id uuid not null,
  access text not null,
  constraint membership_pkey primary key (user_id, sozialraum_id),
  constraint membership_user_id_fkey foreign key (user_id) references app_user (id) on delete cascade,
  constraint membership_sozialraum_id_fkey foreign key (sozialraum_id) references sozialraum (id) on delete cascade,
  constraint membership_access_check check (access in ('edit', 'view'))
);
create index membership_sozialraum_id_idx on membership (sozialraum_id);

-- Population tables as the statistics office delivers them (age groups differ between tables).
create table sozialraum_population (
  sozialraum_id uuid not null,
  dataset text not null,
  reference_date date not null,
  male integer not null,
  female integer not null,
  total integer not null,
  age_groups jsonb not null,
  constraint sozialraum_population_pkey primary key (sozialraum_id, dataset, reference_date),
  constraint sozialraum_population_sozialraum_id_fkey foreign key (sozialraum_id) references sozialraum (id) on delete cascade
);

create table committee (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  name text not null,
  kind text not null,
  created_at timestamptz not null default now(),
  constraint committee_pkey primary key (id),
  constraint committee_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint committee_kind_check check (kind in ('council', 'committee', 'district', 'advisory')),
  constraint committee_body_id_name_uq unique (body_id, name)
);

-- Failed logins per key ('account:<email>' or 'ip:<address>'); shared by all server instances.
create table login_throttle (
  key text not null,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz,
  constraint login_throttle_pkey primary key (key)
);
