import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, can, get, useSession, type Api } from '../../api';
import { fieldsOf } from '../../forms';
import { useCatalogue, useDefinitions } from '../shared';
import { RoutingEditor } from './RoutingEditor';
import { RoutingRulesTable } from './RoutingRulesTable';
import { formatInstant, staffName, toEdited, type EditedTable } from './routingModel';

/** The managers' routing: choose a démarche, see its table and history, change it (managers only). */
export default function Routing() {
  const { id } = useParams();
  return id ? <DemarcheRouting id={id} /> : <ChooseDemarche />;
}

function ChooseDemarche() {
  const catalogue = useCatalogue();
  return (
    <>
      <h1>Règles de routage</h1>
      <p className="fr-text--lead">Chaque démarche a sa table : elle envoie chaque dossier vers un service, un site, une file et une priorité.</p>
      <h2>Choisir une démarche</h2>
      {catalogue.isLoading && <p role="status">Chargement des démarches…</p>}
      {catalogue.isError && <div className="fr-alert fr-alert--error" role="alert"><p>Les démarches n’ont pas pu être chargées : {(catalogue.error as Error).message}</p></div>}
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {(catalogue.data ?? []).map((d) => (
          <li key={d.id} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <div className="fr-tile fr-enlarge-link">
              <div className="fr-tile__body">
                <div className="fr-tile__content">
                  <h3 className="fr-tile__title"><Link to={`/pilotage/routage/${d.id}`}>{d.title}</Link></h3>
                  <p className="fr-tile__detail">{d.category}</p>
                </div>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function DemarcheRouting({ id }: { id: string }) {
  const { user } = useSession();
  const mayChange = can(user).changeRouting;
  const queryClient = useQueryClient();
  const catalogue = useCatalogue();
  const definitions = useDefinitions([id]);
  const definition = definitions.get(id);
  const view = useQuery({ queryKey: ['routing', id], queryFn: () => get<Api.RoutingView>(`/api/demarches/${id}/routing`) });
  const fields = useMemo(() => fieldsOf(definition?.form.schema), [definition]);
  const title = catalogue.data?.find((d) => d.id === id)?.title ?? definition?.title ?? id;
  const [editing, setEditing] = useState<{ start: EditedTable; base: number; from: string } | null>(null);
  const [saved, setSaved] = useState<Api.RoutingSaved | null>(null);
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  useEffect(() => { document.title = `Routage : ${title} — Guichet`; }, [title]);

  const v = view.data;
  const startEditing = (table: Api.RoutingTable, from: string) => {
    setSaved(null);
    setEditing({ start: toEdited(table), base: v?.version ?? 0, from });
    focusNext.current = 'modifier-titre';
  };
  const knownTables = useMemo(() => (v ? [v.table, ...v.history.map((h) => h.table)] : []), [v]);

  return (
    <>
      <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to="/pilotage/routage">Toutes les démarches</Link>
      <h1 className="fr-mt-2w">Routage : {title}</h1>
      <p className="fr-text--lead">Les règles sont essayées dans l’ordre : la première qui s’applique envoie le dossier vers son service, son site, sa file et sa priorité. Si aucune ne s’applique, il va à la destination par défaut.</p>

      {view.isLoading && <p role="status">Chargement de la table de routage…</p>}
      {view.isError && (
        <div className="fr-alert fr-alert--error" role="alert">
          <p>{view.error instanceof ApiError && view.error.status === 404 ? `La démarche « ${id} » n’existe pas ou n’est pas publiée.` : `La table de routage n’a pas pu être chargée : ${(view.error as Error).message}`}</p>
        </div>
      )}

      {saved && (
        <div className="fr-alert fr-alert--success fr-mb-3w" id="enregistree" tabIndex={-1} role="status">
          <p className="fr-alert__title">Table enregistrée : version {saved.version}</p>
          <p>
            Les dossiers déposés à partir de maintenant la suivent.
            {saved.rerouted && ` Dossiers en cours : ${saved.rerouted.examined} examiné${saved.rerouted.examined >= 2 ? 's' : ''}, ${saved.rerouted.moved} déplacé${saved.rerouted.moved >= 2 ? 's' : ''}.`}
          </p>
          {saved.warnings.length > 0 && <ul>{saved.warnings.map((w, i) => <li key={i}>{w.message}</li>)}</ul>}
        </div>
      )}

      {v && (
        <>
          <section aria-labelledby="en-vigueur" className="fr-mb-6w">
            <h2 id="en-vigueur">Table en vigueur</h2>
            <p>
              {v.fallback
                ? 'Cette démarche n’a pas encore de table : tous ses dossiers vont au guichet unique.'
                : v.changedBy
                  ? `Version ${v.version}, enregistrée par ${staffName(v.changedBy)} le ${formatInstant(v.changedAt)}.`
                  : `Version ${v.version}, livrée avec Guichet (en place depuis le ${formatInstant(v.changedAt)}).`}
            </p>
            <RoutingRulesTable table={v.table} fields={fields} caption={`Règles de routage en vigueur${v.version ? ` (version ${v.version})` : ''}, dans l’ordre où elles sont essayées`} />
            {!mayChange && (
              <div className="fr-callout">
                <p className="fr-callout__text">Vous consultez cette table : seuls les managers peuvent la modifier.</p>
              </div>
            )}
            {mayChange && !editing && (
              <button type="button" className="fr-btn" onClick={() => startEditing(v.table, 'en vigueur')} disabled={!definition}>Modifier la table</button>
            )}
          </section>

          {mayChange && editing && definition && (
            <section aria-labelledby="modifier-titre" className="fr-mb-6w">
              <h2 id="modifier-titre" tabIndex={-1}>Modifier la table</h2>
              <p>
                {editing.from === 'en vigueur' ? 'Vous partez de la table en vigueur.' : `Vous partez de la ${editing.from}.`}
                {' '}Rien n’est enregistré avant d’avoir essayé la table puis cliqué sur « Enregistrer la table ».
              </p>
              <RoutingEditor
                key={`${editing.from}-${editing.base}`}
                demarcheId={id}
                definition={definition}
                fields={fields}
                start={editing.start}
                baseVersion={editing.base}
                knownTables={knownTables}
                onCancel={() => setEditing(null)}
                onReload={async () => {
                  const fresh = await queryClient.fetchQuery({ queryKey: ['routing', id], queryFn: () => get<Api.RoutingView>(`/api/demarches/${id}/routing`), staleTime: 0 });
                  return fresh.version;
                }}
                onSaved={(result) => {
                  queryClient.setQueryData(['routing', id], result);
                  void queryClient.invalidateQueries({ queryKey: ['routing', id] });
                  void queryClient.invalidateQueries({ queryKey: ['activity'] });
                  setEditing(null);
                  setSaved(result);
                  focusNext.current = 'enregistree';
                }}
              />
            </section>
          )}

          <section aria-labelledby="historique">
            <h2 id="historique">Historique des versions</h2>
            {v.history.length === 0 && <p>Aucune version enregistrée.</p>}
            {v.history.map((h) => (
              <details key={h.version} className="fr-mb-2w">
                <summary>
                  Version {h.version}{h.version === v.version ? ' (en vigueur)' : ''} — {h.changedBy ? `${staffName(h.changedBy)}, le ${formatInstant(h.changedAt)}` : `livrée avec Guichet, le ${formatInstant(h.changedAt)}`}
                  {` — ${h.table.rules.length} règle${h.table.rules.length >= 2 ? 's' : ''}`}
                </summary>
                <div className="fr-mt-2w">
                  <RoutingRulesTable table={h.table} fields={fields} caption={`Version ${h.version} de la table`} />
                  {mayChange && h.version !== v.version && (
                    <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" disabled={!definition} onClick={() => startEditing(h.table, `version ${h.version}`)}>
                      Repartir de la version {h.version}
                    </button>
                  )}
                </div>
              </details>
            ))}
          </section>
        </>
      )}
    </>
  );
}
