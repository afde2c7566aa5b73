/** Environment the real server must not inherit from the test run: each test says what it uses. */
const NOT_INHERITED = [
  'DATABASE_URL',
  'REDIS_URL',
  'PUBLIC_ORIGIN',
  'HOST',
  'PORT',
  'DATA_DIR',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
];

export interface Admin {
  email: string;
  password: string;
}

/**
 * The environment of `node dist/main.js` behind the test's nginx: production mode on a loopback
 * port, the first administrator, the client address from nginx's X-Forwarded-For, and `extra`
 * (the database, Redis, limits) on top.
 */
export function serverEnv(port: number, admin: Admin, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  return {
    ...env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    BODY_NAME: 'Proxy-Testkommune',
    TRUST_PROXY: 'true',
    // nginx's client_max_body_size (1m) in infra/nginx/quartierplan-locations.conf.
    BODY_LIMIT_BYTES: String(1024 * 1024),
    LOG_LEVEL: 'warn',
    ...extra,
  };
}
