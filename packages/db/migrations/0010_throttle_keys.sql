-- Throttle keys no longer hold e-mail addresses or client addresses in clear: they are SHA-256 digests, and
-- expired rows are purged. Counters are short-lived, so the old rows are simply dropped.
delete from login_throttle;
create index login_throttle_window_started_at_idx on login_throttle (window_started_at);
