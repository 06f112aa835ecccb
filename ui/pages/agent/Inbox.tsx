import { useInfiniteQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, get, useSession, type Api } from '../../api';
import { SelectField } from '../../components';
import { formatDate, formatDateTime } from '../../forms/format';
import { useCatalogue, useDefinitions } from '../shared';
import { PRIORITIES, SITES, leafStates, queueLabel, serviceLabel, siteLabel } from './labels';
import { OverdueBadge, PriorityBadge } from './badges';
import { FindByReference } from './FindByReference';
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
  const queuesId = useId();

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
  const filter = (f: Filter, label: string, any: string, options: { value: string; label: string }[]) => ({
    label, value: value(f), onChange: (v: string) => setFilter(f, v), options: [{ value: '', label: any }, ...options],
  });
  const filters = [
    filter('demarche', 'Démarche', 'Toutes les démarches', (catalogue.data ?? []).map((d) => ({ value: d.id, label: d.title }))),
    {
      ...filter('state', 'Étape', 'Toutes les étapes', states.map((s) => {
        const n = counts?.byState ? counts.byState[s.path] ?? 0 : undefined;
        return { value: s.path, label: `${s.label}${n !== undefined ? ` (${n})` : ''}` };
      })),
      ...(selectedDemarche ? {} : { value: '', disabled: true, hint: 'Choisissez d’abord une démarche.' }),
    },
    filter('site', 'Site', 'Tous les sites', Object.entries(SITES).map(([id, label]) => ({ value: id, label }))),
    filter('priority', 'Priorité', 'Toutes les priorités', PRIORITIES),
    filter('overdue', 'Délais', 'En retard ou non', [{ value: 'true', label: 'En retard seulement' }, { value: 'false', label: 'Dans les temps seulement' }]),
    filter('assignee', 'Attribution', 'Tous les dossiers', [{ value: 'me', label: 'Attribués à moi' }, { value: 'none', label: 'Non attribués' }]),
  ];

  return (
    <>
      <h1>Corbeille</h1>
      <p className="fr-text--lead">
        Les dossiers en cours {user?.services.length ? <>des services {user.services.map(serviceLabel).join(', ')}</> : 'de la commune'}, les plus urgents d’abord.
      </p>

      <FindByReference />

      <form className="guichet-filters fr-mb-3w" aria-labelledby="filtres-titre" onSubmit={(e) => e.preventDefault()}>
        <h2 id="filtres-titre" className="fr-h6 fr-mb-1w">Filtrer les dossiers</h2>
        <div className="fr-grid-row fr-grid-row--gutters">
          {filters.map((f) => <div className="fr-col-12 fr-col-md-4" key={f.label}><SelectField {...f} /></div>)}
        </div>
        <fieldset className="fr-fieldset fr-mt-2w fr-mb-0" aria-labelledby={queuesId}>
          <legend className="fr-fieldset__legend fr-text--regular fr-pb-1w" id={queuesId}>File</legend>
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
                    {t.owner && <><br /><span>{t.owner.givenName} {t.owner.familyName}</span></>}
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
