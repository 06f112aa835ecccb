import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError, get, post, useSession, type Api } from '../../api';
import { Tabs } from '../../components';
import { formatDate, formatDateTime } from '../../forms';
import { Actions, type Outcome } from './Actions';
import { OverdueBadge, PriorityBadge, WarningBadge } from './badges';
import { FormDataView } from './DataView';
import { Documents } from './Documents';
import { queueLabel, serviceLabel, siteLabel } from './labels';
import { LetterEditor, LetterTable } from './LetterEditor';
import { Notes } from './Notes';
import { Timeline } from './Timeline';
import './agent.css';

const OUTCOMES: Record<string, string> = { accepte: 'Accepté', refuse: 'Refusé', sans_suite: 'Classé sans suite', abandonne: 'Abandonné' };
const DEADLINE_STATUS: Record<Api.DeadlineView['status'], string> = { running: 'En cours', paused: 'Suspendu', stopped: 'Arrêté', expired: 'Échu' };

/** « 3 jours », « 5 heures »: the largest unit that is at least one. */
function durationWords(ms: number): string {
  const s = Math.abs(ms) / 1000;
  const plural = (n: number, unit: string) => `${n} ${unit}${n > 1 ? 's' : ''}`;
  if (s >= 86_400) return plural(Math.floor(s / 86_400), 'jour');
  if (s >= 3_600) return plural(Math.floor(s / 3_600), 'heure');
  return plural(Math.max(1, Math.floor(s / 60)), 'minute');
}

function timeLeftWords(d: Api.DeadlineView): string {
  if (d.remainingMs === null) return d.status === 'paused' ? 'Suspendu' : '—';
  return d.remainingMs < 0 ? `En retard de ${durationWords(d.remainingMs)}` : `Reste ${durationWords(d.remainingMs)}`;
}

/** The nearest délai or service target of the dossier, with the time left in words. */
function DueAt({ dueAt }: { dueAt: string }) {
  const left = Date.parse(dueAt) - Date.now();
  return (
    <>
      le {formatDateTime(dueAt)} · {left < 0 ? <strong>En retard de {durationWords(left)}</strong> : `reste ${durationWords(left)}`}
    </>
  );
}

type TabId = 'demande' | 'pieces' | 'historique' | 'courriers';

function OutcomeMessage({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const kind = outcome.kind === 'success' ? 'fr-alert--success' : outcome.kind === 'conflict' ? 'fr-alert--warning' : 'fr-alert--error';
  return (
    <div className={`fr-alert ${kind}`}>
      <h2 className="fr-alert__title">{outcome.title}</h2>
      <p>{outcome.text}</p>
      {outcome.details && outcome.details.length > 0 && (
        <>
          <p className="fr-mt-1w">Entre-temps :</p>
          <ul>{outcome.details.map((d) => <li key={d}>{d}</li>)}</ul>
        </>
      )}
      <button type="button" className="fr-btn--close fr-btn" title="Masquer le message" onClick={onClose}>Masquer le message</button>
    </div>
  );
}

/**
 * A dossier as an agent works on it: who filed what, where it is, the délais, the actions the
 * engine offers now, the form data by page, the documents, the history, the letters and the
 * agents' private notes.
 */
export default function AgentDossier() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [outcome, setOutcome] = useState<Outcome | null>(() => {
    const flash = (location.state as { flash?: string } | null)?.flash;
    return flash ? { kind: 'success', title: 'Dossier déposé', text: flash } : null;
  });
  const [openLetter, setOpenLetter] = useState<Api.Letter | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  const dossierQuery = useQuery({ queryKey: ['dossier', id], queryFn: () => get<Api.Dossier>(`/api/dossiers/${encodeURIComponent(id)}`) });
  const dossier = dossierQuery.data;
  const versionQuery = useQuery({
    queryKey: ['demarche-version', dossier?.demarche.id, dossier?.demarche.version],
    queryFn: () => get<Api.Demarche>(`/api/demarches/${dossier!.demarche.id}/versions/${dossier!.demarche.version}`),
    enabled: !!dossier,
    staleTime: Infinity,
  });
  const definition = versionQuery.data?.definition;
  const notes = useQuery({ queryKey: ['notes', id], queryFn: () => get<Api.NoteList>(`/api/dossiers/${id}/notes`).then((r) => r.notes), enabled: !!dossier });
  const letters = useQuery({
    queryKey: ['dossier-letters', id],
    queryFn: () => get<Api.LetterList>(`/api/dossiers/${id}/letters`).then((r) => r.letters),
    enabled: !!dossier,
  });

  // Staff names known from the notes, to name who acted and who holds the dossier.
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const n of notes.data ?? []) map.set(n.authorId, n.author);
    if (user) map.set(user.id, `${user.givenName} ${user.familyName}`);
    return map;
  }, [notes.data, user]);

  useEffect(() => {
    if (dossier) document.title = `Dossier ${dossier.reference} — Guichet`;
  }, [dossier]);

  const announce = (o: Outcome) => {
    setOutcome(o);
    // After the dialog closes, the message is where the agent reads what happened.
    requestAnimationFrame(() => messageRef.current?.focus());
  };

  const take = useMutation({
    mutationFn: () => post<Api.Dossier>(`/api/dossiers/${id}/assign`),
    onSuccess: (d) => {
      queryClient.setQueryData(['dossier', id], d);
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      announce({ kind: 'success', title: 'Dossier pris', text: 'Le dossier vous est attribué : il apparaît dans « Attribués à moi » de votre corbeille.' });
    },
    onError: (e) => {
      void queryClient.invalidateQueries({ queryKey: ['dossier', id] });
      announce({ kind: 'error', title: 'Le dossier n’a pas pu être pris', text: e instanceof ApiError ? e.problem.detail : 'Le serveur ne répond pas : réessayez.' });
    },
  });

  if (dossierQuery.isLoading) return <p role="status">Chargement du dossier…</p>;
  if (dossierQuery.isError || !dossier) {
    const e = dossierQuery.error;
    return (
      <>
        <h1>Dossier introuvable</h1>
        <div className="fr-alert fr-alert--error" role="alert"><p>{e instanceof ApiError ? e.problem.detail : 'Le dossier n’a pas pu être chargé.'}</p></div>
        <p className="fr-mt-2w"><Link to="/agent">Revenir à la corbeille</Link></p>
      </>
    );
  }

  const etat = dossier.etat;
  const tab = (params.get('onglet') as TabId | null) ?? 'demande';
  const selectTab = (t: TabId) => {
    const next = new URLSearchParams(params);
    if (t === 'demande') next.delete('onglet');
    else next.set('onglet', t);
    setParams(next, { replace: true });
  };
  const assignee = dossier.assigneeId
    ? dossier.assigneeId === user?.id ? 'Vous' : names.get(dossier.assigneeId) ?? 'Un autre agent'
    : null;
  const toCheck = (letters.data ?? []).filter((l) => l.status === 'a_verifier').length;
  const canUpload = dossier.roles.length > 0 && dossier.status !== 'clos';
  // Any agent of the dossier's service may take it while nobody holds it.
  const canTake = dossier.status === 'en_cours' && !dossier.assigneeId && !!dossier.routing.service && !!user?.services.includes(dossier.routing.service);

  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="Vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li><Link className="fr-breadcrumb__link" to="/agent">Corbeille</Link></li>
          <li><a className="fr-breadcrumb__link" aria-current="page">Dossier {dossier.reference}</a></li>
        </ol>
      </nav>

      <h1 className="fr-mb-1w">Dossier {dossier.reference}</h1>
      <p className="fr-text--lead fr-mb-2w">{dossier.demarche.title}</p>
      <ul className="fr-badges-group fr-mb-2w">
        <li><PriorityBadge priority={dossier.routing.priority} /></li>
        {dossier.status === 'clos' && <li><span className="fr-badge fr-badge--sm">Clos{etat?.outcome ? ` : ${OUTCOMES[etat.outcome] ?? etat.outcome}` : ''}</span></li>}
        {dossier.status === 'brouillon' && <li><span className="fr-badge fr-badge--sm">Brouillon</span></li>}
        {dossier.status === 'en_cours' && (etat?.deadlines.some((d) => d.overdue) || (dossier.dueAt && Date.parse(dossier.dueAt) < Date.now())) && <li><OverdueBadge /></li>}
      </ul>

      <div ref={messageRef} tabIndex={-1} className="guichet-message">
        <div role="status">{outcome?.kind === 'success' && <OutcomeMessage outcome={outcome} onClose={() => setOutcome(null)} />}</div>
        <div role="alert">{outcome && outcome.kind !== 'success' && <OutcomeMessage outcome={outcome} onClose={() => setOutcome(null)} />}</div>
      </div>

      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          <section aria-labelledby="situation-titre" className="fr-mb-4w">
            <h2 id="situation-titre" className="fr-h4">Situation</h2>
            <dl className="guichet-data guichet-data--facts">
              <div className="guichet-data__row"><dt>Étape</dt><dd>{etat?.states.map((s) => s.label).join(' · ') || 'Brouillon'}</dd></div>
              <div className="guichet-data__row"><dt>Ce que voit l’usager</dt><dd>{etat?.citizenStatus ?? '—'}{etat?.citizenActions.length ? <><br /><span className="fr-text--sm">Attendu de l’usager : {etat.citizenActions.join(' ')}</span></> : null}</dd></div>
              <div className="guichet-data__row"><dt>Service</dt><dd>{serviceLabel(dossier.routing.service)} · {siteLabel(dossier.routing.site)} · file « {queueLabel(dossier.routing.queue)} »</dd></div>
              <div className="guichet-data__row">
                <dt>Déposé</dt>
                <dd>{dossier.submittedAt ? `le ${formatDateTime(dossier.submittedAt)}` : 'pas encore'} · {dossier.channel === 'guichet' ? 'au guichet' : 'en ligne'}</dd>
              </div>
              {dossier.dueAt && dossier.status === 'en_cours' && (
                <div className="guichet-data__row">
                  <dt>Prochaine échéance</dt>
                  <dd><DueAt dueAt={dossier.dueAt} /></dd>
                </div>
              )}
              {dossier.closedAt && <div className="guichet-data__row"><dt>Clos</dt><dd>le {formatDateTime(dossier.closedAt)}</dd></div>}
              <div className="guichet-data__row">
                <dt>Attribué à</dt>
                <dd className="guichet-assignee">
                  <span>{assignee ?? 'Personne'}</span>
                  {canTake && (
                    <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-user-add-line fr-btn--icon-left" disabled={take.isPending} onClick={() => take.mutate()}>
                      Prendre le dossier
                    </button>
                  )}
                </dd>
              </div>
            </dl>
          </section>

          {etat && etat.deadlines.length > 0 && (
            <section aria-labelledby="delais-titre" className="fr-mb-4w">
              <h2 id="delais-titre" className="fr-h4">Délais</h2>
              <div className="fr-table fr-table--no-caption-mobile">
                <table>
                  <caption>Délais du dossier et temps restant</caption>
                  <thead><tr><th scope="col">Délai</th><th scope="col">Nature</th><th scope="col">Échéance</th><th scope="col">Temps restant</th></tr></thead>
                  <tbody>
                    {etat.deadlines.map((d) => (
                      <tr key={d.name}>
                        <td>{d.label}</td>
                        <td>{d.kind === 'legal' ? 'Délai légal' : 'Objectif de service'}<br /><span className="fr-text--xs">{DEADLINE_STATUS[d.status]}</span></td>
                        <td>{d.dueAt ? formatDateTime(d.dueAt) : '—'}</td>
                        <td>
                          {d.overdue && <><OverdueBadge /><br /></>}
                          {!d.overdue && d.warning && <><WarningBadge /><br /></>}
                          {timeLeftWords(d)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}

          <h2 className="fr-sr-only">Contenu du dossier</h2>
          <Tabs
            label="Contenu du dossier"
            selected={tab}
            onSelect={selectTab}
            tabs={[
              {
                id: 'demande',
                label: 'Demande',
                panel: () => (definition
                  ? <FormDataView definition={definition} data={dossier.data} />
                  : versionQuery.isError ? <p role="alert">La définition de la démarche n’a pas pu être chargée.</p> : <p role="status">Chargement du formulaire…</p>),
              },
              {
                id: 'pieces',
                label: `Pièces${etat?.piecesManquantes.length ? ` (${etat.piecesManquantes.length} manquante${etat.piecesManquantes.length > 1 ? 's' : ''})` : ''}`,
                panel: () => <Documents dossier={dossier} definition={definition} canUpload={canUpload} onUploaded={(text) => announce({ kind: 'success', title: 'Pièce jointe', text })} />,
              },
              { id: 'historique', label: 'Historique', panel: () => <Timeline dossierId={dossier.id} definition={definition} names={names} /> },
              {
                id: 'courriers',
                label: `Courriers${toCheck ? ` (${toCheck} à vérifier)` : ''}`,
                panel: () => (
                  <>
                    {letters.isLoading && <p role="status">Chargement des courriers…</p>}
                    {letters.isSuccess && letters.data.length === 0 && <p>Aucun courrier pour ce dossier.</p>}
                    {(letters.data ?? []).length > 0 && <LetterTable letters={letters.data!} caption="Courriers du dossier" onOpen={setOpenLetter} />}
                  </>
                ),
              },
            ]}
          />
        </div>

        <div className="fr-col-12 fr-col-lg-4">
          <section aria-labelledby="actions-titre" className="guichet-panel fr-mb-4w">
            <h2 id="actions-titre" className="fr-h4">Actions</h2>
            <Actions dossier={dossier} definition={definition} onOutcome={announce} />
          </section>
          {dossier.submittedAt && dossier.status !== 'brouillon' && (
            <section aria-labelledby="notes-titre" className="guichet-panel">
              <h2 id="notes-titre" className="fr-h4">Notes internes</h2>
              <Notes dossierId={dossier.id} onAdded={(text) => announce({ kind: 'success', title: 'Note ajoutée', text })} />
            </section>
          )}
          <p className="fr-text--xs fr-mt-2w">Version {dossier.version} du dossier · mis à jour le {formatDate(dossier.updatedAt)}</p>
        </div>
      </div>

      {openLetter && (
        <LetterEditor
          letter={openLetter}
          onClose={() => setOpenLetter(null)}
          onDone={(text) => { setOpenLetter(null); announce({ kind: 'success', title: 'Courrier', text }); }}
        />
      )}
    </>
  );
}
