import type { Api } from '../../api';
import { priorityLabel } from './labels';

const PRIORITY_BADGE: Record<Api.Priority, string> = {
  urgente: 'fr-badge--error',
  haute: 'fr-badge--warning',
  normale: 'fr-badge--info',
  basse: '',
};

/** « Priorité urgente »: the word says it, the colour only repeats it. */
export function PriorityBadge({ priority }: { priority: Api.Priority }) {
  return <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${PRIORITY_BADGE[priority] ?? ''}`}>Priorité {priorityLabel(priority).toLowerCase()}</span>;
}

/** A deadline passed, in words. */
export function OverdueBadge({ label = 'En retard' }: { label?: string }) {
  return <span className="fr-badge fr-badge--sm fr-badge--error">{label}</span>;
}

/** A warning is due before the deadline. */
export function WarningBadge({ label = 'Échéance proche' }: { label?: string }) {
  return <span className="fr-badge fr-badge--sm fr-badge--warning">{label}</span>;
}
