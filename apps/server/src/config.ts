import { resolve } from 'node:path';
import { z } from 'zod';
import type { SyncLimits } from './sync/limits.ts';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.string().url().optional(),
  PUBLIC_ORIGIN: z
    .string()
    .url()
    .transform((v) => new URL(v).origin)
    .optional(),
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  BODY_NAME: z.string().optional(),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(72),
  SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
  WEB_BUILD_DIR: z.string().optional(),
  SYNC_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024 * 1024),
  SYNC_MAX_AWARENESS_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024),
  SYNC_MESSAGES_PER_SECOND: z.coerce.number().positive().default(300),
  SYNC_MESSAGE_BURST: z.coerce.number().int().positive().default(3000),
  SYNC_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().positive().default(20),
  SYNC_MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  SYNC_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  SYNC_COMPACTION_THRESHOLD: z.coerce.number().int().positive().default(500),
  SYNC_COMPACTION_INTERVAL_MS: z.coerce.number().int().nonnegative().default(1000),
  WORKSHOP_RETENTION_DAYS: z.coerce
    .number({ message: 'muss eine ganze Zahl von Tagen sein' })
    .int({ message: 'muss eine ganze Zahl von Tagen sein' })
    .min(1, { message: 'muss mindestens 1 Tag sein' })
    .max(3650, { message: 'darf höchstens 3650 Tage sein' })
    .default(30),
  OIDC_ISSUER_URL: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_PROVIDER_NAME: z.string().min(1).max(60).default('Single Sign-on'),
  OIDC_SCOPES: z.string().min(1).default('openid email profile'),
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  OIDC_ADMIN_GROUP: z.string().min(1).default('qp-admin'),
  OIDC_CLERK_GROUP: z.string().min(1).default('qp-clerk'),
  OIDC_SOZIALRAUM_GROUP_PREFIX: z.string().min(1).default('qp-sr-'),
  OIDC_BODY: z.string().min(1).optional(),
  OIDC_JIT: bool.default(true),
  LOCAL_PASSWORDS: z.enum(['on', 'off']).default('on'),
});

/** Single sign-on with OpenID Connect (absent when `OIDC_ISSUER_URL` is unset). */
export interface OidcConfig {
  /** The issuer identifier, exactly as the provider's discovery document states it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown as "Mit <Name> anmelden". */
  providerName: string;
  scopes: string;
  groupsClaim: string;
  adminGroup: string;
  clerkGroup: string;
  sozialraumGroupPrefix: string;
  /** Name of the body SSO accounts belong to; unset: the installation's only body. */
  bodyName: string | undefined;
  /** Create unknown people at their first login (just in time). */
  jit: boolean;
  /** Plain http is allowed only for a loopback issuer (tests, a provider on the same machine). */
  allowHttp: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The issuer must be https, except a loopback http issuer; anything else stops the start. */
function oidcConfig(e: z.infer<typeof envSchema>): { config?: OidcConfig; problems: string[] } {
  if (!e.OIDC_ISSUER_URL) return { problems: [] };
  const problems: string[] = [];
  const url = new URL(e.OIDC_ISSUER_URL);
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    problems.push('  OIDC_ISSUER_URL: muss https sein (http nur für 127.0.0.1 oder localhost)');
  }
  if (!e.OIDC_CLIENT_ID) problems.push('  OIDC_CLIENT_ID: fehlt (nötig mit OIDC_ISSUER_URL)');
  if (!e.OIDC_CLIENT_SECRET) problems.push('  OIDC_CLIENT_SECRET: fehlt (nötig mit OIDC_ISSUER_URL)');
  if (problems.length > 0) return { problems };
  return {
    problems,
    config: {
      issuer: e.OIDC_ISSUER_URL,
      clientId: e.OIDC_CLIENT_ID!,
      clientSecret: e.OIDC_CLIENT_SECRET!,
      providerName: e.OIDC_PROVIDER_NAME,
      scopes: e.OIDC_SCOPES,
      groupsClaim: e.OIDC_GROUPS_CLAIM,
      adminGroup: e.OIDC_ADMIN_GROUP,
      clerkGroup: e.OIDC_CLERK_GROUP,
      sozialraumGroupPrefix: e.OIDC_SOZIALRAUM_GROUP_PREFIX,
      bodyName: e.OIDC_BODY,
      jit: e.OIDC_JIT,
      allowHttp: url.protocol === 'http:',
    },
  };
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  /** The one origin browsers use; when unset, the request's own Host decides. */
  publicOrigin: string | undefined;
  /** Cookies get Secure and the __Host- prefix when the product is served over https. */
  secureCookies: boolean;
  firstAdmin: { email: string; password: string; bodyName: string } | undefined;
  bodyName: string | undefined;
  /** Take the client address from X-Forwarded-For (only behind our own reverse proxy). */
  trustProxy: boolean;
  logLevel: string;
  bodyLimitBytes: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Days after a workshop closes until guests' names and card authorship are deleted. */
  workshopRetentionDays: number;
  webBuildDir: string | undefined;
  sync: SyncLimits;
  /** Single sign-on; undefined without `OIDC_ISSUER_URL`. */
  oidc: OidcConfig | undefined;
  /** E-mail and password log in (`LOCAL_PASSWORDS=off`: single sign-on only). */
  localPasswords: boolean;
}

/** Reads the configuration from the environment; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ungültige Konfiguration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const oidc = oidcConfig(e);
  if (oidc.problems.length > 0) throw new Error(`Ungültige Konfiguration:\n${oidc.problems.join('\n')}`);
  if (e.LOCAL_PASSWORDS === 'off' && !oidc.config) {
    throw new Error(
      'Ungültige Konfiguration:\n  LOCAL_PASSWORDS: off nur mit OIDC_ISSUER_URL (sonst kann sich niemand anmelden)',
    );
  }
  const firstAdmin =
    e.ADMIN_EMAIL && e.ADMIN_PASSWORD
      ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, bodyName: e.BODY_NAME ?? 'Meine Kommune' }
      : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    // Relative to where the command was typed (pnpm sets INIT_CWD), not the package folder.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR),
    redisUrl: e.REDIS_URL,
    publicOrigin: e.PUBLIC_ORIGIN,
    secureCookies: e.PUBLIC_ORIGIN?.startsWith('https:') ?? false,
    firstAdmin,
    bodyName: e.BODY_NAME,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    sessionIdleMs: e.SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: e.SESSION_MAX_DAYS * 86_400_000,
    workshopRetentionDays: e.WORKSHOP_RETENTION_DAYS,
    sync: {
      maxMessageBytes: e.SYNC_MAX_MESSAGE_BYTES,
      maxAwarenessBytes: e.SYNC_MAX_AWARENESS_BYTES,
      messagesPerSecond: e.SYNC_MESSAGES_PER_SECOND,
      messageBurst: e.SYNC_MESSAGE_BURST,
      maxConnectionsPerUser: e.SYNC_MAX_CONNECTIONS_PER_USER,
      maxDocumentBytes: e.SYNC_MAX_DOCUMENT_BYTES,
      maxBufferedBytes: e.SYNC_MAX_BUFFERED_BYTES,
      compactionThreshold: e.SYNC_COMPACTION_THRESHOLD,
      compactionIntervalMs: e.SYNC_COMPACTION_INTERVAL_MS,
    },
    oidc: oidc.config,
    localPasswords: e.LOCAL_PASSWORDS === 'on',
    webBuildDir: e.WEB_BUILD_DIR ? resolve(env.INIT_CWD ?? process.cwd(), e.WEB_BUILD_DIR) : undefined,
  };
}
