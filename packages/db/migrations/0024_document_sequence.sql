-- Several instances write one document's log. Each update gets the next number of its document (`seq`),
-- drawn under the document row's lock in the transaction that inserts it, so a document's numbers have no
-- gaps and commit in order: whoever sees seq n committed sees every seq below it. Instances relay by these
-- numbers and fetch what they missed; snapshots record the number they fold up to. (The global identity
-- `id` stays the row's key, but across instances ids commit out of order, so nothing may rely on their order.)
alter table document add column last_seq bigint not null default 0;

alter table document_update add column seq bigint;
update document_update u set seq = numbered.seq
from (select id, row_number() over (partition by document_id order by id) as seq from document_update) numbered
where numbered.id = u.id;
alter table document_update alter column seq set not null;
update document d set last_seq = logged.last_seq
from (select document_id, max(seq) as last_seq from document_update group by document_id) logged
where logged.document_id = d.id;

drop index document_update_document_id_id_idx;
alter table document_update add constraint document_update_document_id_seq_key unique (document_id, seq);

-- Existing snapshots folded rows that had no number; every row left in the log is numbered from 1 on.
alter table document_snapshot add column last_seq bigint not null default 0;
alter table document_snapshot drop column last_update_id;
