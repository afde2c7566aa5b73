-- Accounts linked to an OpenID Connect provider, and the audit log.

-- One row per (issuer, subject) an account logs in with; the subject is the provider's stable id for a person.
create table user_identity (
  issuer text not null,
  subject text not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now(),
  constraint user_identity_pkey primary key (issuer, subject),
  constraint user_identity_user_id_fkey foreign key (user_id) references app_user (id) on delete cascade
);
create index user_identity_user_id_idx on user_identity (user_id);

-- Who did what, for admins (GET /api/audit-log). Rows hold ids, never names or e-mail addresses, so a person's
-- erasure (which anonymises the app_user row) leaves no trace of them here; `address` (the client address of
-- logins) is cleared after the retention period. Append-only: updates are refused unless the transaction
-- sets `quartierplan.sanctioned_erasure` to 'on' (erasure and retention), deletes only when the body goes.
create table audit_event (
  id bigint generated always as identity,
  body_id uuid not null,
  at timestamptz not null default now(),
  kind text not null,
  actor_id uuid,
  subject_user_id uuid,
  address text,
  details jsonb not null default '{}',
  constraint audit_event_pkey primary key (id),
  constraint audit_event_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint audit_event_actor_id_fkey foreign key (actor_id) references app_user (id) on delete set null,
  constraint audit_event_subject_user_id_fkey foreign key (subject_user_id) references app_user (id) on delete set null,
  constraint audit_event_kind_check check (kind in (
    'login', 'login_failed', 'logout', 'password_changed', 'password_reset',
    'user_created', 'role_changed', 'user_deactivated', 'user_reactivated', 'membership_changed',
    'data_exported', 'user_erased', 'paper_released', 'settings_changed'))
);
create index audit_event_body_id_at_idx on audit_event (body_id, at desc, id desc);
create index audit_event_subject_user_id_idx on audit_event (subject_user_id);
create index audit_event_actor_id_idx on audit_event (actor_id);

-- Foreign-key actions (set null when a user row goes, cascade when the body goes) run at trigger depth > 1
-- and pass; a direct update passes only inside a sanctioned erasure or retention run.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  if pg_trigger_depth() = 1
     and coalesce(current_setting('quartierplan.sanctioned_erasure', true), '') <> 'on' then
    raise exception 'audit_event is append-only' using errcode = 'insufficient_privilege';
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end $$;
create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_event_append_only();
