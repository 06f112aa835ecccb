import type { Demarche } from '../../engine';
import { CASEWORKER_ROLES, TOWN_WIDE_ROLES } from '../auth';
import type { DossierRow, UserRow } from '../store';

/** What a user may do with one dossier. */
export interface DossierAccess {
  /** May see the dossier at all. */
  read: boolean;
  /** The démarche's roles under which the user acts on this dossier (may be none: read only). */
  roles: string[];
  /** The user is a citizen party (the one who filed, or another party such as the other parent). */
  party: boolean;
}

function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const key of path.split('.').slice(1)) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

/** The citizen parties a dossier's form names, other than its owner: `{ role, email }` per party role. */
export function partiesOf(definition: Demarche, data: unknown): { role: string; email: string }[] {
  const parties: { role: string; email: string }[] = [];
  for (const [role, spec] of Object.entries(definition.roles)) {
    const email = spec.party ? valueAt(data, spec.party) : undefined;
    if (typeof email === 'string' && email.trim()) parties.push({ role, email: email.trim().toLowerCase() });
  }
  return parties;
}

/**
 * RGPD in one place: a citizen reaches only the dossiers they filed or are a party to; staff reach
 * the dossiers routed to their services; the élu and managers reach the whole town's.
 */
export function accessTo(user: UserRow, dossier: DossierRow, definition: Demarche): DossierAccess {
  const roles: string[] = [];
  let party = false;
  if (dossier.ownerId === user.id) {
    roles.push('usager');
    party = true;
  }
  for (const p of partiesOf(definition, dossier.data)) {
    if (p.email === user.email) {
      roles.push(p.role);
      party = true;
    }
  }
  const townWide = user.roles.some((r) => (TOWN_WIDE_ROLES as readonly string[]).includes(r));
  const inService = dossier.service !== null && user.services.includes(dossier.service);
  if (townWide || (inService && user.roles.some((r) => (CASEWORKER_ROLES as readonly string[]).includes(r)))) {
    for (const role of user.roles) if (role !== 'usager' && role in definition.roles && !roles.includes(role)) roles.push(role);
  }
  // A draft is its author's alone.
  if (dossier.status === 'brouillon') return dossier.ownerId === user.id ? { read: true, roles: ['usager'], party: true } : { read: false, roles: [], party: false };
  return { read: party || townWide || inService, roles, party };
}
