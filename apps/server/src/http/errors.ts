import type { ErrorBody, ErrorCode } from '@quartierplan/domain';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error type handlers throw; `onError` turns it into `{"error":{code,message,details}}`. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Bitte melden Sie sich an.');
export const forbidden = (message = 'Dafür fehlt Ihnen die Berechtigung.') =>
  new AppError(403, 'forbidden', message);
export const notFound = (message = 'Nicht gefunden.') => new AppError(404, 'not_found', message);
export const conflict = (message: string, details: Record<string, unknown> | null = null) =>
  new AppError(409, 'conflict', message, details);
export const validationFailed = (issues: { path: string; message: string }[]) =>
  new AppError(400, 'validation_failed', 'Die Eingaben sind ungültig.', { issues });
