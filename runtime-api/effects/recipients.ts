import type { EntityManager } from 'typeorm';
import type { Demarche } from '../../engine';
import { Notification, findUserByEmail, insertRows, selectWhere, type DossierRow, type NotificationRow } from '../store';

/** Who a message addressed to a role of a dossier goes to: a user when known, else the role's shared inbox. */
export interface Recipient {
  userId: string | null;
  role: string;
}

function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const key of path.split('.').slice(1)) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

/**
 * The recipients of a message to some roles of a dossier: « usager » is the citizen who filed it;
 * a party role (the other parent) is the account with the e-mail the form gives for it, when that
 * person has one (else the row is kept with no user, for the day mail is sent); any other role is
 * staff, reached through the role inbox of the dossier's service. The system receives nothing.
 */
export async function recipientsOf(m: EntityManager, definition: Demarche, dossier: DossierRow, roles: readonly string[]): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const role of new Set(roles)) {
    if (role === 'systeme') continue;
    if (role === 'usager') {
      recipients.push({ userId: dossier.ownerId, role });
      continue;
    }
    const party = definition.roles[role]?.party;
    if (party) {
      const email = valueAt(dossier.data, party);
      const user = typeof email === 'string' && email.trim() ? await findUserByEmail(m, email) : null;
      recipients.push({ userId: user?.id ?? null, role });
      continue;
    }
    recipients.push({ userId: null, role });
  }
  return recipients;
}

/** Whether a role of a démarche is held by a citizen (the filer or another party) rather than staff. */
export function isCitizenRole(definition: Demarche, role: string): boolean {
  return role === 'usager' || Boolean(definition.roles[role]?.party);
}

/**
 * Stores notifications, skipping those already stored: an effect that runs twice delivers once.
 * `fresh` rows (of an effect run in its transition) cannot exist yet: no need to look.
 */
export async function deliver(m: EntityManager, rows: NotificationRow[], fresh = false): Promise<void> {
  if (rows.length === 0) return;
  if (fresh) {
    await insertRows(m, Notification, rows);
    return;
  }
  const known = new Set((await selectWhere(m, Notification, `id IN (${rows.map(() => '?').join(', ')})`, rows.map((r) => r.id))).map((r) => r.id));
  await insertRows(m, Notification, rows.filter((r) => !known.has(r.id)));
}
