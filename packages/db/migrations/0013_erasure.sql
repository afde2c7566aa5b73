-- DSGVO erasure (Art. 17): a person's account stays as "Gelöschte Person" (so their contributions keep an
-- author), marked by `erased_at`; the trails that kept their name as text may be anonymised, and only then.

alter table app_user add column erased_at timestamptz;

-- measure_event and paper_event stay append-only for everything else: a direct UPDATE passes only inside a
-- transaction that set `quartierplan.sanctioned_erasure` (erasure), as audit_event's trigger allows (0011).
-- Foreign-key actions (depth > 1) pass as before; deletes stay refused outside them.
create or replace function measure_event_append_only() returns trigger language plpgsql as $$
begin
  if pg_trigger_depth() = 1
     and not (tg_op = 'UPDATE'
              and coalesce(current_setting('quartierplan.sanctioned_erasure', true), '') = 'on') then
    raise exception 'measure_event is append-only' using errcode = 'insufficient_privilege';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create function paper_event_append_only() returns trigger language plpgsql as $$
begin
  if pg_trigger_depth() = 1
     and not (tg_op = 'UPDATE'
              and coalesce(current_setting('quartierplan.sanctioned_erasure', true), '') = 'on') then
    raise exception 'paper_event is append-only' using errcode = 'insufficient_privilege';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger paper_event_append_only before update or delete on paper_event
  for each row execute function paper_event_append_only();

-- The retention job finds idle documents by their newest log row.
create index document_update_created_at_idx on document_update (created_at);
