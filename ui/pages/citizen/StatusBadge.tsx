import type { Api } from '../../api';
import { outcomeWords } from './words';

/** What the citizen is expected to do now: the engine's actions and the pièces still missing. */
export function expectsCitizen(dossier: Api.Dossier): boolean {
  const etat = dossier.etat;
  return !!etat && !etat.done && (etat.citizenActions.length > 0 || etat.piecesManquantes.length > 0);
}

/** The dossier's status for its citizen as a DSFR badge: the words say it all, the colour only repeats them. */
export function StatusBadge({ dossier }: { dossier: Api.Dossier }) {
  if (dossier.status === 'brouillon') return <p className="fr-badge fr-badge--new fr-badge--no-icon">Brouillon à terminer</p>;
  const etat = dossier.etat;
  if (!etat) return null;
  let variant = 'fr-badge--info';
  if (etat.done) variant = etat.outcome === 'accepte' ? 'fr-badge--success' : etat.outcome === 'refuse' ? 'fr-badge--error' : '';
  else if (etat.citizenActions.length > 0) variant = 'fr-badge--warning';
  const words = etat.citizenStatus || (etat.done ? outcomeWords(etat.outcome) : null) || (etat.done ? 'Dossier clos' : 'Demande en cours');
  return <p className={`fr-badge ${variant}`}>{words}</p>;
}
