-- Decision drafts (Vorlagen, OParl Paper) with their Beratungsfolge, linked measures, and the
-- meetings (Sitzungen) of committees. Rich-text and structured sections are jsonb validated by the
-- domain schemas before they are written; nothing here is parsed by SQL.

-- Each body chooses how its Drucksachennummern look (Hagen `NNNN/YYYY`, Haan `OO/SSS/YYYY`).
alter table body add column paper_reference_format text not null default 'NNNN/YYYY';
alter table body add constraint body_paper_reference_format_check
  check (paper_reference_format in ('NNNN/YYYY', 'OO/SSS/YYYY'));

-- The last sequence number handed out per body and year. Allocation is one
-- `insert … on conflict do update … returning`: the row lock serialises concurrent papers of the
-- same body and year, and the number is only used when the paper's transaction commits.
create table paper_reference_counter (
  body_id uuid not null,
  year integer not null,
  last_sequence integer not null,
  constraint paper_reference_counter_pkey primary key (body_id, year),
  constraint paper_reference_counter_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint paper_reference_counter_last_sequence_check check (last_sequence > 0)
);

create table meeting (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  committee_id uuid not null,
  date date not null,
  -- Local time (Europe/Berlin) as `HH:MM`; null while only the day is known.
  start_time text,
  location text not null default '',
  created_at timestamptz not null default now(),
  constraint meeting_pkey primary key (id),
  constraint meeting_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint meeting_committee_id_fkey foreign key (committee_id) references committee (id) on delete cascade,
  constraint meeting_committee_id_date_uq unique (committee_id, date),
  constraint meeting_start_time_check check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
create index meeting_body_id_date_idx on meeting (body_id, date);

create table paper (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  type text not null,
  status text not null default 'draft',
  reference text not null,
  year integer not null,
  sequence integer not null,
  date date not null,
  public boolean not null default true,
  originating_office text not null default '',
  participating_offices jsonb not null default '[]',
  subject text not null,
  decision_proposal_intro text,
  decision_proposal jsonb not null default '[]',
  summary text,
  justification jsonb,
  disability_impact jsonb,
  climate_impact jsonb,
  financial_impact jsonb,
  signatures jsonb not null default '[]',
  supplement_to uuid,
  version integer not null default 1,
  created_by uuid,
  released_by uuid,
  released_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint paper_pkey primary key (id),
  constraint paper_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint paper_supplement_to_fkey foreign key (supplement_to) references paper (id) on delete restrict,
  constraint paper_created_by_fkey foreign key (created_by) references app_user (id) on delete set null,
  constraint paper_released_by_fkey foreign key (released_by) references app_user (id) on delete set null,
  constraint paper_type_check check (type in ('beschlussvorlage', 'mitteilungsvorlage', 'antrag')),
  constraint paper_status_check check (status in ('draft', 'released')),
  constraint paper_released_check check ((status = 'released') = (released_at is not null)),
  constraint paper_body_id_reference_uq unique (body_id, reference),
  constraint paper_body_id_year_sequence_uq unique (body_id, year, sequence)
);
create index paper_body_id_created_at_idx on paper (body_id, created_at desc);

-- One line of the Beratungsfolge. `position` orders the lines as printed.
create table paper_consultation (
  id uuid not null default gen_random_uuid(),
  paper_id uuid not null,
  committee_id uuid not null,
  meeting_id uuid,
  date date not null,
  role text not null,
  position integer not null,
  result text,
  result_date date,
  result_by uuid,
  result_at timestamptz,
  constraint paper_consultation_pkey primary key (id),
  constraint paper_consultation_paper_id_fkey foreign key (paper_id) references paper (id) on delete cascade,
  constraint paper_consultation_committee_id_fkey foreign key (committee_id) references committee (id) on delete restrict,
  constraint paper_consultation_meeting_id_fkey foreign key (meeting_id) references meeting (id) on delete restrict,
  constraint paper_consultation_result_by_fkey foreign key (result_by) references app_user (id) on delete set null,
  constraint paper_consultation_role_check check (role in ('preliminary', 'decision', 'information')),
  constraint paper_consultation_result_check check (result in ('acknowledged', 'recommended', 'decided',
    'decided_amended', 'rejected', 'postponed')),
  constraint paper_consultation_result_date_check check ((result is null) = (result_date is null))
);
create index paper_consultation_paper_id_idx on paper_consultation (paper_id, position);
create index paper_consultation_meeting_id_idx on paper_consultation (meeting_id);
create index paper_consultation_committee_id_idx on paper_consultation (committee_id);

create table paper_measure (
  paper_id uuid not null,
  measure_id uuid not null,
  position integer not null,
  constraint paper_measure_pkey primary key (paper_id, measure_id),
  constraint paper_measure_paper_id_fkey foreign key (paper_id) references paper (id) on delete cascade,
  constraint paper_measure_measure_id_fkey foreign key (measure_id) references measure (id) on delete restrict
);
create index paper_measure_measure_id_idx on paper_measure (measure_id);
