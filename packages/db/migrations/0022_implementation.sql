-- Implementation and transparency (issue 18): what happens to a measure after the council decided it.
-- Milestones with planned and actual dates, progress reports, evaluation indicators, and the admin's
-- opt-in that lets a measure appear on the public transparency page. Reminders for a milestone's
-- responsible person arrive as in-app notifications beside mentions and replies.

-- Opt-in per measure (admins): only measures with `public` leave the body without a session.
alter table measure add column public boolean not null default false;
create index measure_body_id_public_idx on measure (body_id) where public;

create table measure_milestone (
  id uuid not null default gen_random_uuid(),
  measure_id uuid not null,
  title text not null,
  planned_date date not null,
  actual_date date,
  status text not null default 'planned',
  -- Who answers for it as the plan names it (an office, a Träger); optional account for reminders.
  responsible text not null default '',
  responsible_user_id uuid,
  position integer not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint measure_milestone_pkey primary key (id),
  constraint measure_milestone_measure_id_fkey foreign key (measure_id) references measure (id) on delete cascade,
  constraint measure_milestone_responsible_user_id_fkey foreign key (responsible_user_id) references app_user (id) on delete set null,
  constraint measure_milestone_status_check check (status in ('planned', 'in_progress', 'done', 'cancelled')),
  -- A milestone reached has the day it was reached.
  constraint measure_milestone_done_check check (status <> 'done' or actual_date is not null)
);
create index measure_milestone_measure_id_idx on measure_milestone (measure_id, position);
-- Late and due milestones are looked up by date among the open ones (dashboard, reminders).
create index measure_milestone_open_planned_date_idx on measure_milestone (planned_date)
  where status in ('planned', 'in_progress');
create index measure_milestone_responsible_user_id_idx on measure_milestone (responsible_user_id);

create table measure_report (
  id uuid not null default gen_random_uuid(),
  measure_id uuid not null,
  report_date date not null,
  text text not null,
  progress integer not null,
  author_id uuid,
  created_at timestamptz not null default now(),
  constraint measure_report_pkey primary key (id),
  constraint measure_report_measure_id_fkey foreign key (measure_id) references measure (id) on delete cascade,
  constraint measure_report_author_id_fkey foreign key (author_id) references app_user (id) on delete set null,
  constraint measure_report_progress_check check (progress between 0 and 100)
);
create index measure_report_measure_id_idx on measure_report (measure_id, report_date desc, created_at desc);
create index measure_report_author_id_idx on measure_report (author_id);

-- Kennzahlen of the evaluation: baseline, target and actual value, each with its date. May name a
-- Sozialraum indicator of the body whose published figures the page shows beside it.
create table measure_evaluation_indicator (
  id uuid not null default gen_random_uuid(),
  measure_id uuid not null,
  name text not null,
  unit text not null default '',
  indicator_id uuid,
  baseline numeric,
  baseline_date date,
  target numeric,
  target_date date,
  actual numeric,
  actual_date date,
  position integer not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint measure_evaluation_indicator_pkey primary key (id),
  constraint measure_evaluation_indicator_measure_id_fkey foreign key (measure_id) references measure (id) on delete cascade,
  constraint measure_evaluation_indicator_indicator_id_fkey foreign key (indicator_id) references indicator (id) on delete set null
);
create index measure_evaluation_indicator_measure_id_idx on measure_evaluation_indicator (measure_id, position);

-- Milestone reminders join mentions and replies in the one notification list.
alter table notification alter column thread_id drop not null;
alter table notification alter column comment_id drop not null;
alter table notification add column milestone_id uuid;
alter table notification add constraint notification_milestone_id_fkey
  foreign key (milestone_id) references measure_milestone (id) on delete cascade;
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check
  check (kind in ('mention', 'reply', 'milestone_due', 'milestone_late'));
alter table notification add constraint notification_subject_check check (
  case when kind in ('mention', 'reply') then thread_id is not null and comment_id is not null and milestone_id is null
       else milestone_id is not null and thread_id is null and comment_id is null end);
-- One reminder of each kind per milestone and person: the daily job may run on every instance.
create unique index notification_user_id_milestone_id_kind_uq on notification (user_id, milestone_id, kind)
  where milestone_id is not null;
create index notification_milestone_id_idx on notification (milestone_id);

-- "Auszug aus der Niederschrift": the committee's discussion of the paper, recorded with the result.
alter table paper_consultation add column minutes text;

-- Admins opening a measure to the public transparency page (or closing it) are recorded in the audit log.
alter table audit_event drop constraint audit_event_kind_check;
alter table audit_event add constraint audit_event_kind_check check (kind in (
  'login', 'login_failed', 'logout', 'password_changed', 'password_reset',
  'user_created', 'role_changed', 'user_deactivated', 'user_reactivated', 'membership_changed',
  'data_exported', 'user_erased', 'paper_released', 'settings_changed',
  'measure_published', 'measure_unpublished'));
