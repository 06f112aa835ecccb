/**
 * The words of the agent's pages: services, sites, queues, priorities and roles said in French,
 * and the leaf states of a démarche (for the « étape » filter).
 */
import type { Demarche } from '../../../engine';
import type { Api } from '../../api';

export const SERVICES: Record<string, string> = {
  'guichet-unique': 'Guichet unique',
  citoyennete: 'Citoyenneté et décès',
  'affaires-generales': 'Affaires générales',
  'etat-civil': 'État civil',
  famille: 'Famille',
  titres: 'Titres sécurisés',
  'affaires-militaires': 'Affaires militaires',
  facturation: 'Régie et facturation',
};

export const SITES: Record<string, string> = {
  'hotel-de-ville': 'Hôtel de Ville',
  'mairie-annexe': 'Mairie annexe',
  'france-services': 'France Services',
};

const QUEUES: Record<string, string> = {
  instruction: 'Instruction',
  prioritaire: 'Prioritaire',
  validation: 'Validation',
  reserves: 'Dossiers réservés',
  signature: 'Signature',
  completude: 'Complétude',
  accueil: 'Accueil',
  regularisation: 'Régularisation',
  'enquete-logement': 'Enquête logement',
  'hors-commune': 'Hors commune',
};

export const PRIORITIES: { value: Api.Priority; label: string }[] = [
  { value: 'urgente', label: 'Urgente' },
  { value: 'haute', label: 'Haute' },
  { value: 'normale', label: 'Normale' },
  { value: 'basse', label: 'Basse' },
];

const ROLES: Record<string, string> = {
  usager: 'Usager',
  coparent: 'Autre parent',
  accueil: 'Accueil',
  agent: 'Agent',
  expert: 'Expert métier',
  responsable: 'Responsable',
  elu: 'Élu',
  systeme: 'Système (automatique)',
  manager: 'Manager',
};

/** « mairie-annexe » → « Mairie annexe » when the word is not known. */
function humanise(slug: string): string {
  const words = slug.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const serviceLabel = (s: string | null | undefined) => (s ? SERVICES[s] ?? humanise(s) : 'Aucun service');
export const siteLabel = (s: string | null | undefined) => (s ? SITES[s] ?? humanise(s) : 'Aucun site');
export const queueLabel = (q: string | null | undefined) => (q ? QUEUES[q] ?? humanise(q) : 'Sans file');
export const priorityLabel = (p: string) => PRIORITIES.find((x) => x.value === p)?.label ?? humanise(p);

/** The name of a role: the démarche's own word for it first, then the platform's. */
export function roleLabel(role: string, definition?: Demarche): string {
  return definition?.roles?.[role]?.label ?? ROLES[role] ?? humanise(role);
}

/** The label of a pièce of the démarche. */
export function pieceLabel(piece: string | null, definition?: Demarche): string {
  if (!piece) return 'Document';
  return definition?.pieces?.[piece]?.label ?? humanise(piece);
}

/** The leaf states of a démarche, with their labels, in the definition's order (final states left out). */
export function leafStates(definition: Demarche | undefined): { path: string; label: string }[] {
  if (!definition) return [];
  interface Node { type?: string; states?: Record<string, Node>; meta?: { label?: string } }
  const out: { path: string; label: string }[] = [];
  const walk = (states: Record<string, Node>, prefix: string, parentLabel: string | null) => {
    for (const [key, node] of Object.entries(states)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const label = node.meta?.label ?? key;
      if (node.states && Object.keys(node.states).length > 0) walk(node.states, path, label);
      else if (node.type !== 'final') out.push({ path, label: parentLabel && node.meta?.label ? label : parentLabel ? `${parentLabel} — ${key}` : label });
    }
  };
  walk(definition.workflow.states as Record<string, Node>, '', null);
  return out;
}
