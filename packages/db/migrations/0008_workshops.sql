-- Workshops (Beteiligung): people join by code without an account, write cards and spend dots in
-- facilitated rounds. Every round is kept; its result is written once, at the close, so deleting
-- participants later (retention, removal) never changes a closed result.

-- Whom people ask about their data (DSGVO Art. 13); shown on every workshop's join page.
alter table body add column privacy_contact text not null default '';

create table workshop (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  sozialraum_id uuid not null,
  title text not null,
  date date not null,
  end_time text,
  -- Unique across bodies: people join by code alone.
  code text not null,
  join_locked boolean not null default false,
  status text not null default 'open',
  closed_at timestamptz,
  -- Set when the retention job removed names and authorship.
  anonymised_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint workshop_pkey primary key (id),
  constraint workshop_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint workshop_sozialraum_id_fkey foreign key (sozialraum_id) references sozialraum (id) on delete cascade,
  constraint workshop_created_by_fkey foreign key (created_by) references app_user (id) on delete set null,
  constraint workshop_code_uq unique (code),
  constraint workshop_status_check check (status in ('open', 'closed')),
  constraint workshop_closed_check check ((status = 'closed') = (closed_at is not null))
);
create index workshop_sozialraum_id_idx on workshop (sozialraum_id);
create index workshop_closed_at_idx on workshop (closed_at) where anonymised_at is null;

-- A person in a workshop: a guest (participant session: only the SHA-256 of its token is stored)
-- or a member with their own account (user_id). Cards and votes belong to participants.
create table workshop_participant (
  id uuid not null default gen_random_uuid(),
  workshop_id uuid not null,
  user_id uuid,
  token_hash text,
  display_name text,
  joined_at timestamptz not null default now(),
  expires_at timestamptz,
  constraint workshop_participant_pkey primary key (id),
  constraint workshop_participant_workshop_id_fkey foreign key (workshop_id) references workshop (id) on delete cascade,
  constraint workshop_participant_user_id_fkey foreign key (user_id) references app_user (id) on delete cascade,
  constraint workshop_participant_token_hash_uq unique (token_hash),
  constraint workshop_participant_workshop_id_user_id_uq unique (workshop_id, user_id),
  constraint workshop_participant_kind_check check ((user_id is null) <> (token_hash is null))
);

create table workshop_cluster (
  id uuid not null default gen_random_uuid(),
  workshop_id uuid not null,
  label text not null,
  colour text not null,
  created_at timestamptz not null default now(),
  constraint workshop_cluster_pkey primary key (id),
  constraint workshop_cluster_workshop_id_fkey foreign key (workshop_id) references workshop (id) on delete cascade
);

create table workshop_card (
  id uuid not null default gen_random_uuid(),
  workshop_id uuid not null,
  -- Null once anonymised (the card stays, its author does not).
  participant_id uuid,
  title text not null,
  description text not null default '',
  status text not null default 'new',
  cluster_id uuid,
  merged_into_id uuid,
  -- The need an accepted card became (an id inside the Sozialraum's needs document).
  need_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint workshop_card_pkey primary key (id),
  constraint workshop_card_workshop_id_fkey foreign key (workshop_id) references workshop (id) on delete cascade,
  constraint workshop_card_participant_id_fkey foreign key (participant_id) references workshop_participant (id) on delete set null,
  constraint workshop_card_cluster_id_fkey foreign key (cluster_id) references workshop_cluster (id) on delete set null,
  constraint workshop_card_merged_into_id_fkey foreign key (merged_into_id) references workshop_card (id) on delete set null,
  constraint workshop_card_status_check check (status in ('new', 'accepted', 'set_aside', 'merged'))
);
create index workshop_card_workshop_id_idx on workshop_card (workshop_id, created_at);
create index workshop_card_participant_id_idx on workshop_card (participant_id);

create table workshop_round (
  id uuid not null default gen_random_uuid(),
  workshop_id uuid not null,
  number integer not null,
  status text not null default 'open',
  dots_per_person integer not null,
  max_per_item integer,
  duration_seconds integer,
  live_results boolean not null default false,
  started_at timestamptz not null default now(),
  ends_at timestamptz,
  -- Seconds a paused timed round had left; it runs on from them when resumed.
  remaining_seconds integer,
  closed_at timestamptz,
  -- People who placed a dot, counted at the close (removing a person later must not change it).
  voter_count integer,
  -- [{needId, title}] as the needs were when the round started.
  ballot jsonb not null,
  created_by uuid,
  constraint workshop_round_pkey primary key (id),
  constraint workshop_round_workshop_id_fkey foreign key (workshop_id) references workshop (id) on delete cascade,
  constraint workshop_round_created_by_fkey foreign key (created_by) references app_user (id) on delete set null,
  constraint workshop_round_workshop_id_number_uq unique (workshop_id, number),
  constraint workshop_round_status_check check (status in ('open', 'paused', 'closed')),
  constraint workshop_round_dots_check check (dots_per_person between 1 and 20),
  constraint workshop_round_max_per_item_check check (max_per_item is null or max_per_item between 1 and dots_per_person)
);
-- At most one running (open or paused) round per workshop.
create unique index workshop_round_running_uq on workshop_round (workshop_id) where status <> 'closed';
create index workshop_round_ends_at_idx on workshop_round (ends_at) where status = 'open';

-- A person's dots on one need in one round (a vote sets the count; 0 deletes the row).
create table workshop_vote (
  round_id uuid not null,
  participant_id uuid not null,
  need_id text not null,
  count integer not null,
  updated_at timestamptz not null default now(),
  constraint workshop_vote_pkey primary key (round_id, participant_id, need_id),
  constraint workshop_vote_round_id_fkey foreign key (round_id) references workshop_round (id) on delete cascade,
  constraint workshop_vote_participant_id_fkey foreign key (participant_id) references workshop_participant (id) on delete cascade,
  constraint workshop_vote_count_check check (count > 0)
);

-- A closed round's result, written in the closing transaction.
create table workshop_round_result (
  round_id uuid not null,
  need_id text not null,
  title text not null,
  dots integer not null,
  -- Ballot order, so ties rank as the ballot listed them.
  position integer not null,
  constraint workshop_round_result_pkey primary key (round_id, need_id),
  constraint workshop_round_result_round_id_fkey foreign key (round_id) references workshop_round (id) on delete cascade
);
