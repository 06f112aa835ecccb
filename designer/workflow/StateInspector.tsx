import { useId, useMemo, useState } from 'react';
import { stateGraph, type Demarche, type State, type StateMeta } from '../../engine';
import {
  addTransition, deleteState, ensureEvent, renameState, setStateMeta, setStateType, slugify, transitionsOf, updateTransition,
} from '../model';
import type { Selection } from '../selection';
import { ActionsEditor } from './ActionsEditor';
import { AddStateForm } from './AddStateForm';
import { CheckboxesField, DurationField, TextField, useEditError } from './controls';
import { SelectField } from '../../ui/components';
import { outcomeLabel, triggerLabel } from './graph';
import { stateChoices, stateLabel } from './stateChoices';

interface Props {
  definition: Demarche;
  path: string;
  onChange: (next: Demarche) => void;
  onSelect: (selection: Selection) => void;
  /** Open the « add a sub-state » form at once (from the group's button on the drawing). */
  addingChild?: boolean;
  onAddingChildDone?: () => void;
}

type Kind = NonNullable<State['type']>;
const KINDS: { value: Kind; label: string }[] = [
  { value: 'atomic', label: 'Étape simple' },
  { value: 'compound', label: 'Étape composée (des sous-étapes, une à la fois)' },
  { value: 'parallel', label: 'Étapes en parallèle (plusieurs branches à la fois)' },
  { value: 'final', label: 'Étape finale' },
];
const OUTCOMES = (['accepte', 'refuse', 'sans_suite', 'abandonne'] as const).map((value) => ({ value, label: outcomeLabel(value)! }));

/** The inspector of a state: key and label, what the citizen sees, who acts, délai, type, timers, transitions. */
export function StateInspector({ definition, path, onChange, onSelect, addingChild, onAddingChildDone }: Props) {
  const base = useId();
  const [error, attempt] = useEditError();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const graph = useMemo(() => stateGraph(definition.workflow), [definition.workflow]);
  const node = graph.byPath.get(path);
  const all = useMemo(() => transitionsOf(definition), [definition]);
  const [newEvent, setNewEvent] = useState('');
  const [newTarget, setNewTarget] = useState('');
  const [timerTarget, setTimerTarget] = useState('');
  const [wantChild, setWantChild] = useState(false);
  if (!node || node.parent === null) return <p>Cette étape n’existe plus.</p>;
  const state = node.config as State;
  const meta = state.meta ?? { label: node.key };
  const setMeta = (changes: Partial<StateMeta>) => attempt(() => {
    const next = { ...meta, ...changes };
    for (const [k, v] of Object.entries(next)) if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete (next as Record<string, unknown>)[k];
    onChange(setStateMeta(definition, path, next as StateMeta));
  });
  const incoming = all.filter((t) => t.ref.source !== path && !t.ref.source.startsWith(`${path}.`) && t.targets.some((p) => p !== null && (p === path || p.startsWith(`${path}.`))));
  const outgoing = all.filter((t) => t.ref.source === path);
  const timers = outgoing.filter((t) => t.ref.kind === 'after');
  const choices = stateChoices(definition);
  const roles = Object.entries(definition.roles).filter(([r]) => r !== 'systeme').map(([value, r]) => ({ value, label: r.label }));
  const isFinal = node.type === 'final';
  const hasChildren = node.children.length > 0;

  const addEventTransition = () => attempt(() => {
    const name = slugify(newEvent.trim());
    if (!newEvent.trim()) throw new Error('Nommez l’événement, par exemple « refuser ».');
    if (!newTarget) throw new Error('Choisissez l’étape où mène la transition.');
    const created = addTransition(definition, path, { kind: 'event', key: name }, newTarget);
    onChange(ensureEvent(created.definition, name));
    onSelect({ kind: 'transition', ref: created.ref });
    setNewEvent('');
  });
  const addTimer = () => attempt(() => {
    if (!timerTarget) throw new Error('Choisissez l’étape où mène le minuteur.');
    let key = 'P15D';
    for (let n = 16; state.after?.[key]; n++) key = `P${n}D`;
    onChange(addTransition(definition, path, { kind: 'after', key }, timerTarget).definition);
  });
  const changeType = (type: Kind) => attempt(() => {
    onChange(setStateType(definition, path, type));
    // A compound or parallel state needs sub-states: offer to add the first one at once.
    if ((type === 'compound' || type === 'parallel') && !hasChildren) setWantChild(true);
  });

  return (
    <div className="gw-inspector__body">
      <h3 className="fr-h5 fr-mb-1w" id="inspecteur-titre" tabIndex={-1}>Étape : {meta.label}</h3>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}

      <section className="gw-section" aria-labelledby={`${base}-ident`}>
        <h4 className="fr-h6" id={`${base}-ident`}>Identification</h4>
        <TextField id="etape-libelle" label="Libellé" hint="Le nom de l’étape pour les agents." value={meta.label} required onCommit={(label) => setMeta({ label: label.trim() })} />
        <TextField id="etape-cle" label="Identifiant" hint="Minuscules sans accents, chiffres, « _ » ; les transitions qui y mènent suivent." value={node.key} required
          onCommit={(key) => {
            const next = renameState(definition, path, key.trim());
            onChange(next);
            const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.') + 1) : '';
            onSelect({ kind: 'state', path: `${parent}${key.trim()}` });
          }} />
        <SelectField id="etape-type" label="Type d’étape" value={node.type} onChange={changeType}
          options={KINDS.map((k) => ({ ...k, disabled: (k.value === 'atomic' || k.value === 'final') && hasChildren }))} />
        {isFinal && (
          <SelectField label="Issue du dossier" value={meta.outcome ?? ''} options={OUTCOMES} placeholder="Choisir l’issue"
            onChange={(outcome) => setMeta({ outcome })} />
        )}
      </section>

      <section className="gw-section" aria-labelledby={`${base}-usager`}>
        <h4 className="fr-h6" id={`${base}-usager`}>Ce que voit l’usager</h4>
        <TextField label="Statut affiché à l’usager" hint="Par exemple « Demande en cours d’examen »." value={meta.citizenStatus ?? ''} onCommit={(citizenStatus) => setMeta({ citizenStatus: citizenStatus.trim() })} />
        <TextField label="Ce qui est attendu de l’usager (facultatif)" value={meta.citizenAction ?? ''} onCommit={(citizenAction) => setMeta({ citizenAction: citizenAction.trim() })} />
      </section>

      {!isFinal && (
        <section className="gw-section" aria-labelledby={`${base}-agir`}>
          <h4 className="fr-h6" id={`${base}-agir`}>Qui agit, en combien de temps</h4>
          <CheckboxesField legend="Rôles qui agissent à cette étape" choices={roles} value={meta.roles ?? []} onChange={(r) => setMeta({ roles: r })} />
          <DurationField label="Délai de traitement visé" optional value={meta.serviceLevel} hint="Objectif interne, par exemple « 10 jours ». Vide : aucun."
            onCommit={(serviceLevel) => setMeta({ serviceLevel })} />
        </section>
      )}

      {!isFinal && (
        <section className="gw-section" aria-labelledby={`${base}-minuteurs`}>
          <h4 className="fr-h6" id={`${base}-minuteurs`}>Minuteurs</h4>
          {timers.length === 0 && <p className="fr-text--sm">Aucun minuteur : le dossier attend ici sans limite.</p>}
          <ol className="gw-action-list">
            {timers.map((t, i) => {
              const target = t.targets[0] ?? '';
              const context = `du minuteur ${i + 1}`;
              return (
                <li key={`${t.ref.key}-${t.ref.index}`} className="gw-action">
                  <p className="fr-text--bold fr-mb-1w">{triggerLabel(definition, { trigger: { kind: 'after', delay: t.ref.key! } })}</p>
                  <DurationField label={<>Durée<span className="fr-sr-only">{` ${context}`}</span></>} value={definition.delays?.[t.ref.key!] ? undefined : t.ref.key}
                    onCommit={(iso) => attempt(() => onChange(updateTransition(definition, t.ref, { key: iso! }).definition))} />
                  <SelectField label={<>Mène à<span className="fr-sr-only">{` ${context}`}</span></>} value={target} options={choices}
                    onChange={(v) => attempt(() => onChange(updateTransition(definition, t.ref, { target: v, reenter: v === path ? true : undefined }).definition))} />
                  <ActionsEditor definition={definition} actions={t.fields.actions ?? []} context={context}
                    onChange={(actions) => attempt(() => onChange(updateTransition(definition, t.ref, { actions }).definition))} />
                  <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" onClick={() => onSelect({ kind: 'transition', ref: t.ref })}>
                    Ouvrir la transition<span className="fr-sr-only">{` ${context}`}</span>
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="gw-inline-form">
            <SelectField id="minuteur-cible" label="Étape où mène un nouveau minuteur" value={timerTarget} options={choices} onChange={setTimerTarget} placeholder="Choisir une étape" />
            <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-timer-line fr-btn--icon-left" onClick={addTimer}>Ajouter un minuteur</button>
          </div>
        </section>
      )}

      {!isFinal && (
        <section className="gw-section" aria-labelledby={`${base}-transitions`}>
          <h4 className="fr-h6" id={`${base}-transitions`}>Transitions qui en partent</h4>
          {outgoing.length === 0 ? <p className="fr-text--sm">Aucune.</p> : (
            <ul className="gw-link-list">
              {outgoing.map((t) => (
                <li key={`${t.ref.kind}-${t.ref.key}-${t.ref.index}`}>
                  <button type="button" className="fr-link" onClick={() => onSelect({ kind: 'transition', ref: t.ref })}>
                    {triggerLabel(definition, { trigger: t.ref.kind === 'event' ? { kind: 'event', event: t.ref.key! } : t.ref.kind === 'after' ? { kind: 'after', delay: t.ref.key! } : { kind: t.ref.kind } })}
                    {' → '}{t.targets[0] ? stateLabel(definition, t.targets[0]) : 'reste ici'}
                    {t.fields.guard ? ' (avec condition)' : ''}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="gw-inline-form">
            <div className="fr-input-group">
              <label className="fr-label" htmlFor="transition-nouvel-evenement">Événement de la nouvelle transition<span className="fr-hint-text">Par exemple « refuser » ou « demander_pieces ».</span></label>
              <input className="fr-input" id="transition-nouvel-evenement" type="text" value={newEvent} onChange={(e) => setNewEvent(e.target.value)}
                onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addEventTransition(); } }} />
            </div>
            <SelectField id="transition-nouvelle-cible" label="Étape où elle mène" value={newTarget} options={choices} onChange={setNewTarget} placeholder="Choisir une étape" />
            <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left" onClick={addEventTransition}>Ajouter une transition</button>
          </div>
        </section>
      )}

      {!isFinal && (
        <section className="gw-section" aria-labelledby={`${base}-sous`}>
          <h4 className="fr-h6" id={`${base}-sous`}>{node.type === 'parallel' ? 'Branches parallèles' : 'Sous-étapes'}</h4>
          {hasChildren && (
            <ul className="gw-link-list">
              {node.children.map((c) => (
                <li key={c.path}><button type="button" className="fr-link" onClick={() => onSelect({ kind: 'state', path: c.path })}>{stateLabel(definition, c.path)}</button></li>
              ))}
            </ul>
          )}
          {addingChild || wantChild
            ? (
              <AddStateForm definition={definition} parentPath={path} onChange={onChange} onSelect={onSelect} autoFocus
                onDone={() => { setWantChild(false); onAddingChildDone?.(); }} buttonLabel={node.type === 'parallel' ? 'Ajouter la branche' : 'Ajouter la sous-étape'} />
            )
            : (
              <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left" onClick={() => setWantChild(true)}>
                {node.type === 'parallel' ? 'Ajouter une branche' : 'Ajouter une sous-étape'}
              </button>
            )}
        </section>
      )}

      <section className="gw-section" aria-labelledby={`${base}-supprimer`}>
        <h4 className="fr-h6" id={`${base}-supprimer`}>Supprimer</h4>
        {!confirmingDelete ? (
          <button type="button" className="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
            onClick={() => (incoming.length ? setConfirmingDelete(true) : attempt(() => { onChange(deleteState(definition, path)); onSelect(null); }))}>
            Supprimer l’étape
          </button>
        ) : (
          <div className="fr-alert fr-alert--warning fr-alert--sm" role="alert">
            <p>
              {incoming.length === 1 ? 'Une transition mène' : `${incoming.length} transitions mènent`} à cette étape ({incoming.map((t) => stateLabel(definition, t.ref.source || '')).join(', ')}) :
              {incoming.length === 1 ? ' elle sera supprimée' : ' elles seront supprimées'} avec l’étape{hasChildren ? ' et ses sous-étapes' : ''}.
            </p>
            <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mt-1w">
              <li><button type="button" className="fr-btn" onClick={() => attempt(() => { onChange(deleteState(definition, path)); onSelect(null); })}>Confirmer la suppression</button></li>
              <li><button type="button" className="fr-btn fr-btn--secondary" onClick={() => setConfirmingDelete(false)}>Annuler</button></li>
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
