import type { UserRow } from '../store';
import type { AppContext } from './context';
import { problems } from '../problems';

/** The signed-in user, or a 401. */
export function requireUser(ctx: AppContext): UserRow {
  const user = ctx.state.user;
  if (!user) throw problems.unauthenticated();
  return user;
}

/** The signed-in user holding one of these roles, or a 401/403. */
export function requireRole(ctx: AppContext, ...roles: string[]): UserRow {
  const user = requireUser(ctx);
  if (!user.roles.some((r) => roles.includes(r))) {
    throw problems.forbidden(`Cette action demande l’un des rôles : ${roles.map((r) => `« ${r} »`).join(', ')}.`);
  }
  return user;
}
