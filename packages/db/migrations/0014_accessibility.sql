-- The Erklärung zur Barrierefreiheit and the feedback people send about barriers (BITV 2.0 § 7). Both belong
-- to the installation, not to a body: the public page has no body to choose. With several bodies, the admins
-- of the oldest body edit the statement and read the feedback (apps/server/src/services/accessibility.ts).

-- At most one row (the key can only be true); none until an admin saves: the page shows the template.
create table accessibility_statement (
  id boolean not null default true,
  statement text not null,
  updated_at timestamptz not null default now(),
  constraint accessibility_statement_pkey primary key (id),
  constraint accessibility_statement_id_check check (id)
);

-- Name and e-mail are optional and personal data: admins delete an entry once it is dealt with, and every
-- entry goes after 365 days at the latest (FEEDBACK_RETENTION_DAYS). No client address is stored; the
-- throttle counts addresses as digests in login_throttle.
create table accessibility_feedback (
  id uuid not null default gen_random_uuid(),
  created_at timestamptz not null default now(),
  message text not null,
  name text,
  email text,
  page text,
  constraint accessibility_feedback_pkey primary key (id)
);
create index accessibility_feedback_created_at_idx on accessibility_feedback (created_at desc, id desc);
