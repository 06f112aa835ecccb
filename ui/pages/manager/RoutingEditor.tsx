import { useEffect, useMemo, useRef, useState } from 'react';
import type { Demarche } from '../../../engine';
import { ApiError, post, request, type Api } from '../../api';
import { ConditionBuilder, type ConditionField } from '../../forms';
import { DryRunResult } from './DryRunResult';
import {
  PRIORITIES, SERVICE_NAMES, SITE_NAMES, checkTable, knownValues, locate, newRule, targetId, toTable,
  type EditedAssignment, type EditedRule, type EditedTable, type Located, type Priority, type Target,
} from './routingModel';
import { SlugSelect } from './SlugSelect';

interface RoutingEditorProps {
  demarcheId: string;
  definition: Demarche;
  fields: readonly ConditionField[];
  /** The table to start from (the one in force, or an earlier version). */
  start: EditedTable;
  /** The version edited over, sent in If-Match (0 without a table). */
  baseVersion: number;
  /** Every version known, for the services, sites and queues already used. */
  knownTables: Api.RoutingTable[];
  onSaved(saved: Api.RoutingSaved): void;
  onCancel(): void;
  /** Loads the table in force again (after someone else saved): its version. */
  onReload(): Promise<number | null>;
}

interface Tried {
  result: Api.DryRun;
  /** The table and version it was tried on: saving is offered only while they are unchanged. */
  signature: string;
  rules: EditedRule[];
}

type Part = 'label' | 'when' | 'service' | 'site' | 'queue' | 'priority' | 'rule';

/**
 * Edits a routing table: rules (label, condition, destination) added, removed and moved, the
 * default, then a try on the open dossiers, then saving (with If-Match, and optionally moving
 * the open dossiers).
 */
export function RoutingEditor({ demarcheId, definition, fields, start, baseVersion, knownTables, onSaved, onCancel, onReload }: RoutingEditorProps) {
  const [table, setTable] = useState<EditedTable>(start);
  const [base, setBase] = useState(baseVersion);
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Located[]>([]);
  const [tried, setTried] = useState<Tried | null>(null);
  const [busy, setBusy] = useState<'essai' | 'enregistrement' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  const [reroute, setReroute] = useState(false);
  const [announce, setAnnounce] = useState('');
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const sent = useMemo(() => toTable(demarcheId, table), [demarcheId, table]);
  const signature = JSON.stringify({ sent, base });
  const fresh = tried !== null && tried.signature === signature;
  const localProblems = attempted ? checkTable(table) : [];
  const problems = [...localProblems, ...serverProblems];
  const messagesFor = (t: Target) => problems.filter((p) => targetId(p.target) === targetId(t)).map((p) => p.message);

  const known = useMemo(() => ({
    service: knownValues(knownTables, table, 'service'),
    site: knownValues(knownTables, table, 'site'),
    queue: knownValues(knownTables, table, 'queue'),
  }), [knownTables, table]);

  const ruleNumber = (key: string) => table.rules.findIndex((r) => r.key === key) + 1;
  const where = (t: Target) => {
    if (t.kind === 'rule') {
      const r = table.rules.find((x) => x.key === t.key);
      return `Règle ${ruleNumber(t.key)}${r?.label ? ` (${r.label})` : ''}`;
    }
    return t.kind === 'default' ? 'Par défaut' : 'Table';
  };
  const warningAt = (pointer: string) => {
    const t = locate(pointer, tried?.rules ?? table.rules);
    return t.kind === 'table' ? '' : `${where(t)} : `;
  };

  const setRule = (key: string, patch: Partial<EditedRule>) => setTable((t) => ({ ...t, rules: t.rules.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));
  const setThen = (key: string, patch: Partial<EditedAssignment>) => setTable((t) => ({ ...t, rules: t.rules.map((r) => (r.key === key ? { ...r, then: { ...r.then, ...patch } } : r)) }));
  const setDefault = (patch: Partial<EditedAssignment>) => setTable((t) => ({ ...t, default: { ...t.default, ...patch } }));

  const add = () => {
    const rule = newRule(table);
    setTable((t) => ({ ...t, rules: [...t.rules, rule] }));
    focusNext.current = targetId({ kind: 'rule', key: rule.key, part: 'label' });
    setAnnounce(`Règle ${table.rules.length + 1} ajoutée, avant la destination par défaut.`);
  };
  const move = (key: string, by: -1 | 1) => {
    const from = table.rules.findIndex((r) => r.key === key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= table.rules.length) return;
    const rules = [...table.rules];
    const [rule] = rules.splice(from, 1);
    rules.splice(to, 0, rule);
    setTable((t) => ({ ...t, rules }));
    // Keep the focus on the button pressed, unless the rule reached an end (where it is disabled).
    const stay = by === -1 ? to > 0 : to < rules.length - 1;
    focusNext.current = `regle-${key}-${(by === -1) === stay ? 'monter' : 'descendre'}`;
    setAnnounce(`Règle « ${rule.label || 'sans libellé'} » déplacée en position ${to + 1} sur ${rules.length}.`);
  };
  const remove = (key: string) => {
    const index = table.rules.findIndex((r) => r.key === key);
    const rule = table.rules[index];
    const rules = table.rules.filter((r) => r.key !== key);
    setTable((t) => ({ ...t, rules }));
    const neighbour = rules[index] ?? rules[index - 1];
    focusNext.current = neighbour ? `regle-${neighbour.key}-titre` : 'ajouter-regle';
    setAnnounce(`Règle « ${rule?.label || 'sans libellé'} » supprimée.`);
  };

  /** The table's own checks; on failure, the summary gets the focus. */
  const ready = (): boolean => {
    setAttempted(true);
    setFailure(null);
    if (checkTable(table).length > 0) {
      setServerProblems([]);
      focusNext.current = 'erreurs-table';
      return false;
    }
    return true;
  };

  /** A refusal of the API: 422 problems placed on their controls, anything else said in words. */
  const refused = (e: unknown, rules: EditedRule[]) => {
    if (e instanceof ApiError && e.status === 422 && e.problem.errors?.length) {
      setServerProblems(e.problem.errors.map((x) => ({ target: locate(x.pointer, rules), message: x.message })));
      focusNext.current = 'erreurs-table';
    } else if (e instanceof ApiError && e.status === 409) {
      setConflict(typeof e.problem.version === 'number' ? e.problem.version : null);
      focusNext.current = 'conflit';
    } else {
      setFailure(e instanceof ApiError ? e.problem.detail : 'Le serveur ne répond pas : vérifiez votre connexion et réessayez.');
      focusNext.current = 'echec';
    }
  };

  const tryTable = async () => {
    if (!ready()) return;
    const rules = table.rules;
    setBusy('essai');
    setServerProblems([]);
    try {
      const result = await post<Api.DryRun>(`/api/demarches/${demarcheId}/routing/dry-run`, sent);
      setTried({ result, signature, rules });
      setAnnounce(`Essai terminé : ${result.examined} dossier${result.examined >= 2 ? 's' : ''} en cours examiné${result.examined >= 2 ? 's' : ''}, ${result.moved} changerai${result.moved >= 2 ? 'ent' : 't'} de place.`);
      focusNext.current = 'resultat-essai';
    } catch (e) {
      refused(e, rules);
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!ready() || !fresh) return;
    const rules = table.rules;
    setBusy('enregistrement');
    setServerProblems([]);
    try {
      const saved = await request<Api.RoutingSaved>('PUT', `/api/demarches/${demarcheId}/routing${reroute ? '?reroute=true' : ''}`, {
        body: sent, headers: { 'if-match': `"${base}"` },
      });
      onSaved(saved);
    } catch (e) {
      refused(e, rules);
    } finally {
      setBusy(null);
    }
  };

  const keepEditing = async () => {
    const version = await onReload();
    setBase(version ?? 0);
    setConflict(null);
    setTried(null);
    setAnnounce('La nouvelle version est affichée plus haut. Vos modifications sont gardées : essayez-les de nouveau avant d’enregistrer.');
    focusNext.current = 'essayer';
  };

  const assignmentControls = (a: EditedAssignment, idOf: (part: 'service' | 'site' | 'queue' | 'priority') => string, errorOf: (part: 'service' | 'site' | 'queue' | 'priority') => string | undefined, context: string, onChange: (patch: Partial<EditedAssignment>) => void) => (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
        <SlugSelect id={idOf('service')} label="Service" otherLabel="Nouveau service" context={context} value={a.service} known={known.service} names={SERVICE_NAMES} error={errorOf('service')} onChange={(service) => onChange({ service })} />
      </div>
      <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
        <SlugSelect id={idOf('site')} label="Site" otherLabel="Nouveau site" context={context} value={a.site} known={known.site} names={SITE_NAMES} noneLabel="Aucun site" error={errorOf('site')} onChange={(site) => onChange({ site })} />
      </div>
      <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
        <SlugSelect id={idOf('queue')} label="File" otherLabel="Nouvelle file" context={context} value={a.queue} known={known.queue} error={errorOf('queue')} onChange={(queue) => onChange({ queue })} />
      </div>
      <div className="fr-col-12 fr-col-md-6 fr-col-lg-3">
        <div className={`fr-select-group${errorOf('priority') ? ' fr-select-group--error' : ''}`}>
          <label className="fr-label" htmlFor={idOf('priority')}>Priorité<span className="fr-sr-only">{` ${context}`}</span></label>
          <select className="fr-select" id={idOf('priority')} value={a.priority} onChange={(e) => onChange({ priority: e.target.value as Priority })}
            aria-describedby={errorOf('priority') ? `${idOf('priority')}-error` : undefined}>
            {PRIORITIES.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
          </select>
          {errorOf('priority') && <p className="fr-error-text" id={`${idOf('priority')}-error`}>{errorOf('priority')}</p>}
        </div>
      </div>
    </div>
  );

  return (
    <div>
      <p className="fr-sr-only" role="status">{announce}</p>

      {problems.length > 0 && (
        <div className="fr-alert fr-alert--error fr-mb-3w" id="erreurs-table" tabIndex={-1} role="alert">
          <p className="fr-alert__title">{problems.length === 1 ? 'Une chose à corriger' : `${problems.length} choses à corriger`} avant d’essayer ou d’enregistrer la table</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}><a href={`#${targetId(p.target)}`}>{where(p.target)}</a> : {p.message}</li>
            ))}
          </ul>
        </div>
      )}

      <ol className="fr-raw-list" aria-label="Règles, dans l’ordre où elles sont essayées">
        {table.rules.map((rule, i) => {
          const context = `de la règle ${i + 1}`;
          const t = (part: Part): Target => ({ kind: 'rule', key: rule.key, part });
          const errorOf = (part: Part) => messagesFor(t(part)).join(' ') || undefined;
          const serverWhen = serverProblems.filter((p) => targetId(p.target) === targetId(t('when'))).map((p) => p.message);
          return (
            <li key={rule.key} className="fr-mb-4w">
              <section className="fr-p-3w" style={{ border: '1px solid var(--border-default-grey)' }} aria-labelledby={`regle-${rule.key}-titre`}>
                <div className="fr-grid-row fr-grid-row--middle fr-mb-2w" style={{ gap: '1rem', justifyContent: 'space-between' }}>
                  <h3 className="fr-h5 fr-mb-0" id={`regle-${rule.key}-titre`} tabIndex={-1}>Règle {i + 1} : {rule.label.trim() || 'nouvelle règle'}</h3>
                  <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-btns-group--icon-left" style={{ width: 'auto' }}>
                    <li><button type="button" id={`regle-${rule.key}-monter`} className="fr-btn fr-btn--tertiary fr-icon-arrow-up-line" disabled={i === 0} onClick={() => move(rule.key, -1)}>Monter<span className="fr-sr-only">{` la règle ${i + 1}`}</span></button></li>
                    <li><button type="button" id={`regle-${rule.key}-descendre`} className="fr-btn fr-btn--tertiary fr-icon-arrow-down-line" disabled={i === table.rules.length - 1} onClick={() => move(rule.key, 1)}>Descendre<span className="fr-sr-only">{` la règle ${i + 1}`}</span></button></li>
                    <li><button type="button" id={`regle-${rule.key}-supprimer`} className="fr-btn fr-btn--tertiary fr-icon-delete-line" onClick={() => remove(rule.key)}>Supprimer<span className="fr-sr-only">{` la règle ${i + 1}`}</span></button></li>
                  </ul>
                </div>
                {errorOf('rule') && <p className="fr-error-text fr-mt-0" id={targetId(t('rule'))}>{errorOf('rule')}</p>}
                <div className={`fr-input-group${errorOf('label') ? ' fr-input-group--error' : ''}`}>
                  <label className="fr-label" htmlFor={targetId(t('label'))}>
                    Libellé<span className="fr-sr-only">{` ${context}`}</span>
                    <span className="fr-hint-text">Ce que fait la règle, en quelques mots : « Quartier nord : mairie annexe »</span>
                  </label>
                  <input className="fr-input" id={targetId(t('label'))} type="text" maxLength={200} value={rule.label}
                    aria-describedby={errorOf('label') ? `${targetId(t('label'))}-error` : undefined} aria-invalid={errorOf('label') ? true : undefined}
                    onChange={(e) => setRule(rule.key, { label: e.target.value })} />
                  {errorOf('label') && <p className="fr-error-text" id={`${targetId(t('label'))}-error`}>{errorOf('label')}</p>}
                </div>
                <div id={targetId(t('when'))} tabIndex={-1}>
                  <ConditionBuilder
                    definition={definition} fields={fields} value={rule.when} context={context}
                    showProblems={attempted} errors={serverWhen}
                    onChange={(when, status) => setRule(rule.key, { when, complete: status.complete, problems: status.problems })}
                  />
                </div>
                <fieldset className="fr-fieldset fr-mb-0" aria-labelledby={`regle-${rule.key}-destination`}>
                  <legend className="fr-fieldset__legend" id={`regle-${rule.key}-destination`}>Envoyer le dossier vers<span className="fr-sr-only">{` ${context}`}</span></legend>
                  <div className="fr-fieldset__element">
                    {assignmentControls(rule.then, (part) => targetId(t(part)), (part) => errorOf(part), context, (patch) => setThen(rule.key, patch))}
                  </div>
                </fieldset>
              </section>
            </li>
          );
        })}
      </ol>
      {table.rules.length === 0 && <p>Aucune règle : tous les dossiers vont à la destination par défaut.</p>}
      <button type="button" id="ajouter-regle" className="fr-btn fr-btn--secondary fr-icon-add-line fr-btn--icon-left fr-mb-4w" onClick={add}>Ajouter une règle</button>

      <section className="fr-p-3w fr-mb-4w" style={{ border: '1px solid var(--border-default-grey)' }} aria-labelledby="defaut-titre">
        <h3 className="fr-h5" id="defaut-titre">Par défaut</h3>
        <p>Les dossiers qu’aucune règle ne prend vont ici. Cette destination est obligatoire.</p>
        {messagesFor({ kind: 'default', part: 'rule' }).length > 0 && <p className="fr-error-text" id="defaut-rule">{messagesFor({ kind: 'default', part: 'rule' }).join(' ')}</p>}
        <fieldset className="fr-fieldset fr-mb-0" aria-labelledby="defaut-destination">
          <legend className="fr-fieldset__legend" id="defaut-destination">Envoyer le dossier vers<span className="fr-sr-only"> par défaut</span></legend>
          <div className="fr-fieldset__element">
            {assignmentControls(table.default, (part) => targetId({ kind: 'default', part }), (part) => messagesFor({ kind: 'default', part }).join(' ') || undefined, 'par défaut', setDefault)}
          </div>
        </fieldset>
      </section>

      {conflict !== null && (
        <div className="fr-alert fr-alert--error fr-mb-3w" id="conflit" tabIndex={-1} role="alert">
          <p className="fr-alert__title">Quelqu’un a enregistré la table pendant que vous la modifiiez</p>
          <p>Elle est maintenant à la version {conflict}. Vos modifications ne sont pas enregistrées.</p>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-2w">
            <li><button type="button" className="fr-btn" onClick={() => void keepEditing()}>Voir la nouvelle version et garder mes modifications</button></li>
            <li><button type="button" className="fr-btn fr-btn--secondary" onClick={onCancel}>Abandonner mes modifications</button></li>
          </ul>
        </div>
      )}
      {failure && <div className="fr-alert fr-alert--error fr-mb-3w" id="echec" tabIndex={-1} role="alert"><p>{failure}</p></div>}

      <section className="fr-mb-4w" aria-labelledby="essai-titre">
        <h3 id="essai-titre">Essayer sur les dossiers en cours</h3>
        <p>L’essai montre combien de dossiers en cours chaque règle prendrait et lesquels changeraient de place. Il n’enregistre rien.</p>
        <button type="button" id="essayer" className="fr-btn fr-btn--secondary fr-icon-search-line fr-btn--icon-left" disabled={busy !== null} onClick={() => void tryTable()}>
          {busy === 'essai' ? 'Essai en cours…' : 'Essayer la table sur les dossiers en cours'}
        </button>
        {tried && (
          <div className="fr-mt-3w">
            <h4 className="fr-h6 fr-mb-1w" id="resultat-essai" tabIndex={-1}>Résultat de l’essai{fresh ? '' : ' (sur une version précédente de vos modifications)'}</h4>
            {!fresh && (
              <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-2w">
                <p>Vous avez modifié la table depuis cet essai : essayez-la de nouveau avant de l’enregistrer.</p>
              </div>
            )}
            <DryRunResult result={tried.result} warningAt={warningAt} />
          </div>
        )}
      </section>

      <section aria-labelledby="enregistrer-titre">
        <h3 id="enregistrer-titre">Enregistrer</h3>
        {fresh ? (
          <>
            <div className="fr-checkbox-group fr-mb-3w">
              <input type="checkbox" id="reroute" checked={reroute} onChange={(e) => setReroute(e.target.checked)} aria-describedby="reroute-aide" />
              <label className="fr-label" htmlFor="reroute">
                Appliquer aussi aux dossiers en cours
                <span className="fr-hint-text" id="reroute-aide">
                  {tried!.result.moved === 0
                    ? 'D’après l’essai, aucun dossier en cours ne changerait de place.'
                    : `Les ${tried!.result.moved} dossiers listés dans l’essai changeront de place ; un dossier qui change de service quitte l’agent qui le tenait. Sinon, seuls les dossiers déposés à partir de maintenant suivent la nouvelle table.`}
                </span>
              </label>
            </div>
          </>
        ) : (
          <p>{tried ? 'Essayez la table modifiée avant de l’enregistrer.' : 'Essayez d’abord la table sur les dossiers en cours : vous pourrez ensuite l’enregistrer.'}</p>
        )}
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          {fresh && <li><button type="button" className="fr-btn fr-icon-check-line" disabled={busy !== null} onClick={() => void save()}>{busy === 'enregistrement' ? 'Enregistrement…' : 'Enregistrer la table'}</button></li>}
          <li><button type="button" className="fr-btn fr-btn--tertiary" onClick={onCancel}>Abandonner les modifications</button></li>
        </ul>
      </section>
    </div>
  );
}
