-- Versions the server stores itself: the state just before a restore, so a restore never loses work.
alter table document_version add column automatic boolean not null default false;
-- The version whose restore an automatic version preceded (null once that version is gone).
alter table document_version add column restored_from uuid;
alter table document_version add constraint document_version_restored_from_fkey
  foreign key (restored_from) references document_version (id) on delete set null;
