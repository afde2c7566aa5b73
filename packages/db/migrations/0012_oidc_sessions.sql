-- Sessions opened by single sign-on keep the provider's ID token, so logout can end the session at the provider
-- too (RP-initiated logout with `id_token_hint`). Null for password sessions. The token goes with the session
-- row (logout, expiry, deactivation, erasure).
alter table session add column oidc_id_token text;
