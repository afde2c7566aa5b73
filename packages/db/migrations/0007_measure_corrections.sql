-- An admin's correction of a measure's status to an earlier one is its own kind of audit event,
-- so the trail tells a mistaken step undone apart from the workflow moving on.
alter table measure_event drop constraint measure_event_kind_check;
alter table measure_event add constraint measure_event_kind_check
  check (kind in ('created', 'updated', 'transition', 'correction'));
