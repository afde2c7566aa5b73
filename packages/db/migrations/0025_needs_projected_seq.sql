-- The log number up to which a needs document's rows in `need` were projected. A server loading the document
-- re-projects only when the log went further (a crash between a commit and its projection), instead of
-- rewriting the table on every load: 500 needs lists opening after a restart were 2,000 statements.
-- Existing documents start at 0, so each is projected once more on its next load.
alter table document add column projected_seq bigint not null default 0;
