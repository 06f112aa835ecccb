import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, get, useSession, type Api } from '../../api';
import { formatDate, formatDateTime } from '../../forms/format';
import { useCatalogue, useDefinitions } from '../shared';
import { PRIORITIES, SITES, leafStates, queueLabel, serviceLabel, siteLabel } from './labels';
import { OverdueBadge, PriorityBadge } from './badges';
import './agent.css';

/** The filters of the inbox, as the URL and the API name them. */
const FILTERS = ['demarche', 'state', 'site', 'queue', 'priority', 'overdue', 'assignee'] as const;
type Filter = (typeof FILTERS)[number];

const PAGE_SIZE = 25;

function taskQuery(params: URLSearchParams, after: string | null): string {
  const q = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v && (f !== 'state' || params.get('demarche'))) q.set(f, v);
  }
  q.set('limit', String(PAGE_SIZE));
  if (after) q.set('after', after);
  return `/api/tasks?${q.toString()}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
}

/**
 * The agent's inbox: the dossiers routed to their services, most urgent first (the API's order),
 * filtered by démarche, étape, site, file, priorité, retard and attribution — all kept in the
 * address, so a filtered view can be bookmarked or shared — and paged with « Afficher plus ».
 */
export default function Inbox() {
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const catalogue = useCatalogue();
  const selectedDemarche = params.get('demarche') ?? '';
  // The chosen démarche's definition names its steps (the « étape » filter).
  const definitions = useDefinitions(selectedDemarche ? [selectedDemarche] : []);
  const ids = { demarche: useId(), state: useId(), site: useId(), priority: useId(), overdue: useId(), assignee: useId(), queues: useId() };

  const filterKey = FILTERS.map((f) => params.get(f) ?? '').join('|');
  const tasks = useInfiniteQuery({
    queryKey: ['tasks', filterKey],
    queryFn: ({ pageParam }) => get<Api.TaskPage>(taskQuery(params, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });

  const value = (f: Filter) => params.get(f) ?? '';
  const setFilter = (f: Filter, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(f, v);
    else next.delete(f);
    if (f === 'demarche') next.delete('state');
    setParams(next);
  };
  const clearFilters = () => setParams(new URLSearchParams());
  const anyFilter = FILTERS.some((f) => params.get(f));

  const pages = tasks.data?.pages ?? [];
  const rows = pages.flatMap((p) => p.tasks);
  const counts = pages[0]?.counts;
  const byQueue = Object.entries(counts?.byQueue ?? {}).sort(([a], [b]) => queueLabel(a).localeCompare(queueLabel(b), 'fr'));
  const states = leafStates(definitions.get(selectedDemarche));
  const error = tasks.error instanceof ApiError ? tasks.error.problem : null;

  return (
    <>
      <h1>Corbeille</h1>
      <p className="fr-text--lead">
        Les dossiers en cours {user?.services.length ? <>des services {user.services.map(serviceLabel).join(', ')}</> : 'de la commune'}, les plus urgents d’abord.
      </p>

      <form className="guichet-filters fr-mb-3w" aria-labelledby="filtres-titre" onSubmit={(e) => e.preventDefault()}>
        <h2 id="filtres-titre" className="fr-h6 fr-mb-1w">Filtrer les dossiers</h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={ids.demarche}>Démarche</label>
              <select className="fr-select" id={ids.demarche} value={selectedDemarche} onChange={(e) => setFilter('demarche', e.target.value)}>
                <option value="">Toutes les démarches</option>
                {(catalogue.data ?? []).map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className={`fr-select-group${selectedDemarche ? '' : ' fr-select-group--disabled'}`}>
              <label className="fr-label" htmlFor={ids.state}>
                Étape
                {!selectedDemarche && <span className="fr-hint-text">Choisissez d’abord une démarche.</span>}
              </label>
              <select className="fr-select" id={ids.state} value={selectedDemarche ? value('state') : ''} disabled={!selectedDemarche} onChange={(e) => setFilter('state', e.target.value)}>
                <option value="">Toutes les étapes</option>
                {states.map((s) => {
                  const n = counts?.byState ? counts.byState[s.path] ?? 0 : undefined;
                  return <option key={s.path} value={s.path}>{s.label}{n !== undefined ? ` (${n})` : ''}</option>;
                })}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={ids.site}>Site</label>
              <select className="fr-select" id={ids.site} value={value('site')} onChange={(e) => setFilter('site', e.target.value)}>
                <option value="">Tous les sites</option>
                {Object.entries(SITES).map(([id, label]) => <option key={id} value={id}>{label}</option>)}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={ids.priority}>Priorité</label>
              <select className="fr-select" id={ids.priority} value={value('priority')} onChange={(e) => setFilter('priority', e.target.value)}>
                <option value="">Toutes les priorités</option>
                {PRIORITIES.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={ids.overdue}>Délais</label>
              <select className="fr-select" id={ids.overdue} value={value('overdue')} onChange={(e) => setFilter('overdue', e.target.value)}>
                <option value="">En retard ou non</option>
                <option value="true">En retard seulement</option>
                <option value="false">Dans les temps seulement</option>
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={ids.assignee}>Attribution</label>
              <select className="fr-select" id={ids.assignee} value={value('assignee')} onChange={(e) => setFilter('assignee', e.target.value)}>
                <option value="">Tous les dossiers</option>
                <option value="me">Attribués à moi</option>
                <option value="none">Non attribués</option>
              </select>
            </div>
          </div>
        </div>

        <fieldset className="fr-fieldset fr-mt-2w fr-mb-0" aria-labelledby={ids.queues}>
          <legend className="fr-fieldset__legend fr-text--regular fr-pb-1w" id={ids.queues}>File</legend>
          <ul className="fr-tags-group">
            <li>
              <button type="button" className="fr-tag" aria-pressed={!value('queue')} onClick={() => setFilter('queue', '')}>
                Toutes les files{counts ? ` (${Object.values(counts.byQueue).reduce((a, b) => a + b, 0)})` : ''}
              </button>
            </li>
            {byQueue.map(([queue, n]) => (
              <li key={queue || '(aucune)'}>
                {queue === '' ? <p className="fr-tag">{queueLabel(null)} ({n})</p> : (
                  <button type="button" className="fr-tag" aria-pressed={value('queue') === queue} onClick={() => setFilter('queue', value('queue') === queue ? '' : queue)}>
                    {queueLabel(queue)} ({n})
                  </button>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
        {anyFilter && (
          <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-close-circle-line fr-btn--icon-left" onClick={clearFilters}>
            Effacer les filtres
          </button>
        )}
      </form>

      {tasks.isLoading && <p role="status">Chargement des dossiers…</p>}
      {error && (
        <div className="fr-alert fr-alert--error fr-mb-2w" role="alert">
          <p>La corbeille n’a pas pu être chargée : {error.detail}</p>
          {error.errors?.map((e) => <p key={e.pointer}>{e.field} : {e.message}</p>)}
        </div>
      )}
      {tasks.isError && !error && <div className="fr-alert fr-alert--error" role="alert"><p>Le serveur ne répond pas : réessayez dans un instant.</p></div>}

      {counts && (
        <p role="status" className="fr-mb-1w">
          {counts.total > 0 && `${plural(counts.total, 'dossier', 'dossiers')} ${anyFilter ? `${counts.total > 1 ? 'correspondent' : 'correspond'} aux filtres` : 'en cours'}.`}
        </p>
      )}

      {tasks.isSuccess && rows.length === 0 && (
        <div className="fr-callout">
          <p className="fr-callout__text">
            {anyFilter
              ? 'Aucun dossier ne correspond à ces filtres. Élargissez la recherche ou effacez les filtres.'
              : 'Aucun dossier en cours pour vos services : votre corbeille est vide.'}
          </p>
        </div>
      )}

      {rows.length > 0 && (
        <div className="fr-table fr-table--no-caption-mobile guichet-inbox">
          <table>
            <caption>Dossiers à traiter, les plus urgents d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Dossier</th>
                <th scope="col">Étape</th>
                <th scope="col">Priorité</th>
                <th scope="col">Échéance</th>
                <th scope="col">File et site</th>
                <th scope="col">Attribué à</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link to={`/agent/dossiers/${t.id}`}>{t.reference}</Link>
                    <br /><span className="fr-text--sm">{t.demarche.title}</span>
                    {t.submittedAt && <><br /><span className="fr-text--xs">Déposé le {formatDate(t.submittedAt)}</span></>}
                  </td>
                  <td>
                    {t.states.map((s) => s.label).join(' · ')}
                    <br /><span className="fr-text--xs">Depuis le {formatDateTime(t.stateSince)}</span>
                  </td>
                  <td><PriorityBadge priority={t.priority} /></td>
                  <td>
                    {t.timeLeft ? (
                      <>
                        {t.overdue && <><OverdueBadge /><br /></>}
                        <span>{t.timeLeft.label}</span>
                        {t.dueAt && <><br /><span className="fr-text--xs">Échéance le {formatDateTime(t.dueAt)}</span></>}
                      </>
                    ) : 'Pas d’échéance'}
                  </td>
                  <td>{queueLabel(t.queue)}<br /><span className="fr-text--xs">{siteLabel(t.site)} · {serviceLabel(t.service)}</span></td>
                  <td>
                    {t.assignee
                      ? (t.assignee.id === user?.id ? <strong>Vous</strong> : `${t.assignee.givenName} ${t.assignee.familyName}`)
                      : <span className="fr-text--sm">Personne</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {tasks.hasNextPage && (
        <button type="button" className="fr-btn fr-btn--secondary" disabled={tasks.isFetchingNextPage} onClick={() => void tasks.fetchNextPage()}>
          {tasks.isFetchingNextPage ? 'Chargement…' : 'Afficher plus de dossiers'}
        </button>
      )}
      {pages.length > 1 && !tasks.hasNextPage && <p className="fr-text--sm">Tous les dossiers sont affichés ({rows.length}).</p>}
    </>
  );
}
