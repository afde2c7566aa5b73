-- A cited figure keeps the decimal places its indicator showed when it was cited ("22,0 %"), like its
-- name and unit: the indicator may change or go, the citation reads the same.
alter table need_citation add column precision smallint not null default 0;
alter table need_citation add constraint need_citation_precision_check check (precision between 0 and 4);
