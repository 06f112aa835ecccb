import { useId } from 'react';
import type { Demarche, DossierStatus, Timer } from '../../engine';
import { formatDateTime } from '../../ui/forms';
import { eventLabel, lengthText, remainingText, roleLabel } from './logic';

export interface DossierSituationProps {
  definition: Demarche;
  status: DossierStatus;
  /** The simulated clock. */
  now: string;
  /** Timers armed now. */
  timers: Timer[];
  /** Pièces attached so far, by id. */
  pieces: string[];
}

const OUTCOMES: Record<NonNullable<DossierStatus['outcome']>, string> = {
  accepte: 'demande acceptée',
  refuse: 'demande refusée',
  sans_suite: 'classée sans suite',
  abandonne: 'abandonnée',
};

const DEADLINE_STATUS = { running: 'En cours', paused: 'Suspendu', stopped: 'Arrêté', expired: 'Échu' } as const;

/** Where the simulated dossier stands: its steps as agents and the citizen see them, its délais and its timers. */
export function DossierSituation({ definition, status, now, timers, pieces }: DossierSituationProps) {
  const id = useId();
  const sorted = [...timers].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <section aria-labelledby={`${id}-title`} className="guichet-simulator__situation">
      <h3 id={`${id}-title`}>Situation du dossier</h3>
      <p className="fr-text--lead fr-mb-2w">Nous sommes le {formatDateTime(now)}.</p>
      {status.done && (
        <p className="fr-badge fr-badge--info fr-mb-2w">Dossier clos{status.outcome ? ` : ${OUTCOMES[status.outcome]}` : ''}</p>
      )}

      <h4 className="fr-h6">{status.states.length > 1 ? 'Étapes en cours' : 'Étape en cours'}</h4>
      <ul className="guichet-simulator__states">
        {status.states.map((s) => (
          <li key={s.path}>
            <strong>{s.label}</strong> <code className="fr-text--xs">{s.path}</code>
            <ul className="fr-text--sm">
              {s.roles.length > 0 && <li>Qui agit : {s.roles.map((r) => roleLabel(definition, r)).join(', ')}</li>}
              {s.serviceLevel && <li>Niveau de service : {s.serviceLevel}</li>}
            </ul>
          </li>
        ))}
      </ul>
      <p className="fr-mb-1w"><span className="fr-text--bold">Ce que voit l’usager :</span> {status.citizenStatus}</p>
      {status.citizenActions.length > 0 && <p className="fr-mb-1w"><span className="fr-text--bold">Ce qui est attendu de l’usager :</span> {status.citizenActions.join(' ; ')}</p>}
      <p className="fr-mb-1w">
        <span className="fr-text--bold">Pièces jointes :</span>{' '}
        {pieces.length > 0 ? pieces.map((p) => definition.pieces?.[p]?.label ?? p).join(', ') : 'aucune'}
      </p>
      {status.piecesManquantes.length > 0 && (
        <p><span className="fr-text--bold">Pièces manquantes :</span> {status.piecesManquantes.map((p) => definition.pieces?.[p]?.label ?? p).join(', ')}</p>
      )}

      <h4 className="fr-h6">Délais</h4>
      {status.deadlines.length === 0 ? <p>Aucun délai n’a démarré.</p> : (
        <div className="fr-table fr-table--no-caption fr-table--layout-fixed">
          <table>
            <caption>Délais du dossier</caption>
            <thead><tr><th scope="col">Délai</th><th scope="col">État</th><th scope="col">Échéance</th><th scope="col">Temps restant</th></tr></thead>
            <tbody>
              {status.deadlines.map((d) => (
                <tr key={d.name}>
                  <td>{d.label} <span className="fr-text--xs">({d.kind === 'legal' ? 'délai légal' : 'niveau de service'})</span></td>
                  <td>{DEADLINE_STATUS[d.status]}{d.warning && d.status === 'running' ? ' — alerte' : ''}</td>
                  <td>{d.dueAt ? formatDateTime(d.dueAt) : '—'}</td>
                  <td>{d.remainingMs !== null ? remainingText(d.remainingMs) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h4 className="fr-h6">Minuteurs armés</h4>
      {sorted.length === 0 ? <p>Aucun minuteur n’attend.</p> : (
        <div className="fr-table fr-table--no-caption fr-table--layout-fixed">
          <table>
            <caption>Minuteurs armés</caption>
            <thead><tr><th scope="col">Minuteur</th><th scope="col">Se déclenche le</th><th scope="col">Dans</th></tr></thead>
            <tbody>
              {sorted.map((t) => (
                <tr key={t.key}>
                  <td>{eventLabel(definition, t.event.type)}</td>
                  <td>{formatDateTime(t.dueAt)}</td>
                  <td>{Date.parse(t.dueAt) > Date.parse(now) ? lengthText(Date.parse(t.dueAt) - Date.parse(now)) : 'maintenant'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
