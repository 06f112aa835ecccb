import { timingSafeEqual } from 'node:crypto';
import type { Next } from 'koa';
import type { Runtime } from '../../runtime';
import { Session, User, selectWhere, tokenHash, type SessionRow, type UserRow } from '../../store';
import type { AppContext } from '../context';
import { problems } from '../../problems';

export const SESSION_COOKIE = 'guichet_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Sessions seen in the last few seconds, by token: a busy agent's requests skip two queries, and
 * the hash of the token. The token stays in this process's memory, as it is in every request;
 * the database keeps only its hash.
 * Signing out forgets the session at once in this process; in another process sharing the
 * database, a session signed out (or an account disabled) may serve for up to TTL more seconds.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
interface Cached { session: SessionRow; user: UserRow; until: number }
const caches = new WeakMap<Runtime, Map<string, Cached>>();

function cacheOf(rt: Runtime): Map<string, Cached> {
  let cache = caches.get(rt);
  if (!cache) caches.set(rt, (cache = new Map()));
  return cache;
}

/** Forgets a session at once (sign-out). */
export function forgetSession(rt: Runtime, token: string): void {
  cacheOf(rt).delete(token);
}

/** Forgets every cached session of a user (roles changed, account disabled). */
export function forgetUser(rt: Runtime, userId: string): void {
  for (const [key, entry] of cacheOf(rt)) if (entry.user.id === userId) cacheOf(rt).delete(key);
}

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
      const cache = cacheOf(rt);
      const cached = cache.get(token);
      let found: { session: SessionRow; user: UserRow } | null = null;
      if (cached && cached.until > Date.now() && cached.session.expiresAt > now.toISOString()) found = cached;
      else {
        found = await rt.db.read(async (m) => {
          const [s] = await selectWhere(m, Session, 'token_hash = ? AND expires_at > ?', [tokenHash(token), now.toISOString()]);
          const [u] = s ? await selectWhere(m, User, 'id = ?', [s.userId]) : [];
          return s && u && !u.disabledAt ? { session: s, user: u } : null;
        });
        if (found) {
          if (cache.size >= MAX_ENTRIES) cache.clear();
          cache.set(token, { ...found, until: Date.now() + TTL_MS });
        } else cache.delete(token);
      }
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
