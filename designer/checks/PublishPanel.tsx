import { useEffect, useMemo, useState } from 'react';
import { diffDefinitions, type Demarche, type Problem } from '../../engine';
import { ApiError, get, post, type Api } from '../../ui/api';
import { formatDateTime } from '../../ui/forms';
import { DiffView } from './DiffView';

export interface PublishPanelProps {
  definition: Demarche;
  publishedVersion: number | null;
  problems: readonly Problem[];
  /** Saves the draft first: what is published is what the server holds. */
  save: () => Promise<boolean>;
  onPublished: (version: number) => void;
  /** Shows a problem (the same as in the checks panel). */
  onShowProblems: () => void;
}

type Outcome =
  | { kind: 'published'; result: Api.PublishResult }
  | { kind: 'refused'; message: string; errors: string[] };

/**
 * The « Publier » tab: publication is blocked while the linter finds errors; otherwise the
 * difference with the published version is shown, and confirming creates the next version.
 * Dossiers already filed stay on their version.
 */
export function PublishPanel({ definition, publishedVersion, problems, save, onPublished, onShowProblems }: PublishPanelProps) {
  const [published, setPublished] = useState<Demarche | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errors = problems.filter((p) => p.severity === 'error');
  const next = (publishedVersion ?? 0) + 1;

  useEffect(() => {
    if (!publishedVersion) { setPublished(null); return; }
    get<Api.Demarche>(`/api/demarches/${encodeURIComponent(definition.id)}/versions/${publishedVersion}`)
      .then((r) => setPublished(r.definition))
      .catch((e: unknown) => setLoadError(e instanceof ApiError ? e.message : 'La version publiée n’a pas pu être chargée.'));
  }, [definition.id, publishedVersion]);

  const diff = useMemo(() => diffDefinitions(published, { ...definition, version: next }), [published, definition, next]);

  const publish = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      if (!(await save())) {
        setOutcome({ kind: 'refused', message: 'Le brouillon n’a pas pu être enregistré : rien n’a été publié (voir l’état de l’enregistrement en haut de page).', errors: [] });
        return;
      }
      const result = await post<Api.PublishResult>(`/api/demarches/${encodeURIComponent(definition.id)}/publish`);
      setOutcome({ kind: 'published', result });
      setConfirming(false);
      onPublished(result.version);
    } catch (e) {
      if (e instanceof ApiError) setOutcome({ kind: 'refused', message: e.message, errors: (e.problem.errors ?? []).map((x) => `${x.message} (${x.field})`) });
      else setOutcome({ kind: 'refused', message: 'Le serveur ne répond pas : rien n’a été publié, réessayez.', errors: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="publier-titre">
      <h2 id="publier-titre" className="fr-h4">Publier {publishedVersion ? `la version ${next}` : 'la première version'}</h2>
      <p>
        {publishedVersion ? `Version publiée actuellement : ${publishedVersion}. ` : 'Cette démarche n’a jamais été publiée. '}
        Les dossiers déjà déposés restent sur la version sous laquelle ils l’ont été ; les nouveaux suivront la version publiée.
      </p>
      {outcome?.kind === 'published' && (
        <div className="fr-alert fr-alert--success fr-mb-3w" role="status">
          <h3 className="fr-alert__title">Version {outcome.result.version} publiée</h3>
          <p>Publiée le {formatDateTime(outcome.result.publishedAt)}. Elle est proposée aux usagers dès maintenant.</p>
          {outcome.result.warnings.length > 0 && <ul>{outcome.result.warnings.map((w) => <li key={w.pointer + w.message}>{w.message}</li>)}</ul>}
        </div>
      )}
      {outcome?.kind === 'refused' && (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h3 className="fr-alert__title">Publication refusée</h3>
          <p>{outcome.message}</p>
          {outcome.errors.length > 0 && <ul>{outcome.errors.map((x) => <li key={x}>{x}</li>)}</ul>}
        </div>
      )}
      {errors.length > 0 ? (
        <div className="fr-alert fr-alert--warning fr-mb-3w">
          <h3 className="fr-alert__title">{errors.length} erreur{errors.length > 1 ? 's' : ''} à corriger avant de publier</h3>
          <ul>{errors.map((p, i) => <li key={`${p.pointer}-${i}`}>{p.message}</li>)}</ul>
          <button type="button" className="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" onClick={onShowProblems}>Voir les vérifications</button>
        </div>
      ) : (
        <>
          <h3 className="fr-h5">Ce qui change {publishedVersion ? `par rapport à la version ${publishedVersion}` : ''}</h3>
          {loadError ? <div className="fr-alert fr-alert--error fr-alert--sm"><p>{loadError}</p></div> : publishedVersion && !published ? <p role="status">Chargement de la version publiée…</p> : <DiffView diff={diff} />}
          {!confirming ? (
            <button type="button" className="fr-btn fr-mt-2w" disabled={busy || diff.identical} onClick={() => setConfirming(true)}>Publier la version {next}…</button>
          ) : (
            <div className="fr-alert fr-alert--info fr-mt-2w" role="alertdialog" aria-labelledby="publier-confirmer">
              <h3 id="publier-confirmer" className="fr-alert__title">Publier la version {next} ?</h3>
              <p>Une version publiée ne se modifie plus : pour la changer, il faudra en publier une nouvelle.</p>
              <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-1w">
                <li><button type="button" className="fr-btn" disabled={busy} onClick={() => { void publish(); }}>{busy ? 'Publication…' : `Confirmer la publication de la version ${next}`}</button></li>
                <li><button type="button" className="fr-btn fr-btn--secondary" disabled={busy} onClick={() => setConfirming(false)}>Annuler</button></li>
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
