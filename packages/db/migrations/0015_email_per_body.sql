-- E-mail addresses are unique per body, not per installation: a body's admin creating an account learns nothing
-- about the accounts of other bodies. Login by address checks every account holding it (login.ts).
alter table app_user drop constraint app_user_email_uq;
alter table app_user add constraint app_user_body_id_email_uq unique (body_id, email);
create index app_user_email_idx on app_user (email);
