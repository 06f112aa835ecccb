/** The platform's roles. Démarches name the ones that act on them; users hold some of them. */
export const ROLES = {
  usager: 'Usager',
  accueil: 'Accueil',
  agent: 'Agent polyvalent',
  expert: 'Expert métier',
  responsable: 'Responsable',
  elu: 'Élu',
  procedures: 'Équipe Procédures',
  manager: 'Manager',
  admin: 'Administrateur',
} as const;

export type PlatformRole = keyof typeof ROLES;

export function isPlatformRole(role: string): role is PlatformRole {
  return role in ROLES;
}

/** Roles that work on dossiers routed to their services. */
export const CASEWORKER_ROLES: readonly PlatformRole[] = ['accueil', 'agent', 'expert', 'responsable'];

/** Roles that see every dossier, whatever its service: the élu signs for the whole town, the manager steers it. */
export const TOWN_WIDE_ROLES: readonly PlatformRole[] = ['elu', 'manager', 'admin'];

/** A member of staff holds any role other than « usager ». */
export function isStaff(roles: readonly string[]): boolean {
  return roles.some((r) => r !== 'usager');
}
