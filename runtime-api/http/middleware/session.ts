import { timingSafeEqual } from 'node:crypto';
import type { Next } from 'koa';
import type { Runtime } from '../../runtime';
import { findSession } from '../../store';
import { findUserById } from '../../store';
import type { AppContext } from '../context';
import { problems } from '../../problems';

export const SESSION_COOKIE = 'guichet_session';
export const CSRF_HEADER = 'x-csrf-token';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Recognises the signed-in user from the session cookie. A write made with the cookie must also
 * carry the session's CSRF token in X-CSRF-Token: another site can make the browser send the
 * cookie, but cannot read the token.
 */
export function session(rt: Runtime) {
  return async (ctx: AppContext, next: Next): Promise<void> => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    if (token) {
      const now = rt.clock.now();
      const found = await rt.db.read(async (m) => {
        const s = await findSession(m, token, now);
        const u = s ? await findUserById(m, s.userId) : null;
        return s && u && !u.disabledAt ? { session: s, user: u } : null;
      });
      if (found) {
        ctx.state.session = found.session;
        ctx.state.user = found.user;
        const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(ctx.method);
        const exempt = ctx.path === '/api/auth/login' || ctx.path === '/api/auth/register';
        if (unsafe && !exempt && !sameToken(ctx.get(CSRF_HEADER), found.session.csrfToken)) {
          throw problems.forbidden('Jeton anti-CSRF absent ou invalide : renvoyez la valeur « csrfToken » reçue à la connexion dans l’en-tête X-CSRF-Token.');
        }
      }
    }
    await next();
  };
}
