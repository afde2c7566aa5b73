/** The first admin the e2e server is started with. */
export const ADMIN = { email: 'admin@musterhausen.example', password: 'e2e-Admin-Passwort-2026' };
