import { CASEWORKER_ROLES, type PlatformRole } from '../auth';
import { problems } from '../problems';
import type { UserRow } from '../store';

/**
 * Roles that see every open dossier of the town, whatever its service. Not the administrator:
 * they manage accounts, not dossiers.
 */
export const INBOX_TOWN_WIDE_ROLES: readonly PlatformRole[] = ['elu', 'manager'];

/** Roles that have an inbox at all. */
export const INBOX_ROLES: readonly PlatformRole[] = [...CASEWORKER_ROLES, ...INBOX_TOWN_WIDE_ROLES];

/** Whose dossiers a user's inbox holds: those routed to their services, or the whole town's. */
export interface InboxScope {
  userId: string;
  services: readonly string[] | 'all';
}

function holdsAny(user: UserRow, roles: readonly string[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/** The inbox a member of staff may read; a 403 for anyone else (citizens, Procédures, administrators). */
export function inboxScope(user: UserRow): InboxScope {
  if (!holdsAny(user, INBOX_ROLES)) {
    throw problems.forbidden('La corbeille des dossiers est réservée aux agents (accueil, agent, expert, responsable), aux élus et aux managers.');
  }
  return { userId: user.id, services: holdsAny(user, INBOX_TOWN_WIDE_ROLES) ? 'all' : [...user.services] };
}

/** May this user work on dossiers of this service (take them, be given them)? */
export function worksOn(user: UserRow, service: string | null): boolean {
  return service !== null && holdsAny(user, CASEWORKER_ROLES) && user.services.includes(service);
}
