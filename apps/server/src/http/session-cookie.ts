import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The session cookie: HttpOnly, SameSite=Lax, path /; over https also Secure with the
 * `__Host-` prefix, which forbids a Domain attribute so no sibling host can set it.
 */
export class SessionCookie {
  readonly name: string;

  /** `baseName`: `qp_session` for users, `qp_workshop` for workshop guests (same rules). */
  constructor(
    private readonly secure: boolean,
    baseName = 'qp_session',
  ) {
    this.name = secure ? `__Host-${baseName}` : baseName;
  }

  read(c: Context): string | undefined {
    return getCookie(c, this.name);
  }

  write(c: Context, token: string, expiresAt: Date): void {
    setCookie(c, this.name, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: this.secure,
      path: '/',
      expires: expiresAt,
    });
  }

  clear(c: Context): void {
    deleteCookie(c, this.name, { path: '/', secure: this.secure, httpOnly: true, sameSite: 'Lax' });
  }
}
