import pino, { type Logger } from 'pino';

/** Structured JSON logs; secrets never reach them (cookies and passwords are redacted). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'quartierplan' },
    redact: ['req.headers.cookie', 'password', '*.password', 'token'],
  });
}
