import { useMemo } from 'react';
import { ConditionBuilder, fieldsOf, sameJson, type ConditionField } from '../../ui/forms';
import type { Demarche } from '../../engine';
import {
  changeTransitionEvent, deleteTransition, dropUnusedEvent, isDeclarable, payloadFields, setEvent, setPayloadFields, transitionAt, transitionsOf, updateTransition,
  type TransitionRef,
} from '../model';
import type { Selection } from '../selection';
import { ActionsEditor } from './ActionsEditor';
import { CheckboxesField, DurationField, TextField, useEditError } from './controls';
import { SelectField } from '../../ui/components';
import { triggerLabel } from './graph';
import { PayloadFieldsEditor } from './PayloadFieldsEditor';
import { stateChoices, stateLabel } from './stateChoices';

interface Props {
  definition: Demarche;
  transitionRef: TransitionRef;
  onChange: (next: Demarche) => void;
  onSelect: (selection: Selection) => void;
}

/** What the dossier exposes beside the form, that guards commonly test. */
const DOSSIER_FIELDS: ConditionField[] = [
  { path: 'dossier.piecesManquantes', label: 'Dossier › Des pièces manquent', title: 'Des pièces manquent', section: 'Dossier', kind: 'boolean' },
];

const NO_TARGET = '(rester)';

/** The inspector of a transition: its trigger (event, roles, payload form), target, guard and actions. */
export function TransitionInspector({ definition, transitionRef: ref, onChange, onSelect }: Props) {
  const [error, attempt] = useEditError();
  const info = useMemo(() => transitionsOf(definition).find((t) => sameRef(t.ref, ref)), [definition, ref]);
  const event = ref.kind === 'event' ? ref.key! : undefined;
  const declaration = event ? definition.events[event] : undefined;
  const fields = useMemo(() => [
    ...fieldsOf(definition.form.schema),
    ...(declaration ? fieldsOf(declaration.payload, { path: 'event.payload', title: 'Événement' }) : []),
    ...DOSSIER_FIELDS,
  ], [definition.form.schema, declaration]);
  if (!info) return <p>Cette transition n’existe plus.</p>;
  const fieldsNow = transitionAt(definition, ref);
  const sourceLabel = stateLabel(definition, ref.source);
  const targetPath = info.targets[0] ?? null;
  const trigger = triggerLabel(definition, { trigger: ref.kind === 'event' ? { kind: 'event', event: ref.key! } : ref.kind === 'after' ? { kind: 'after', delay: ref.key! } : { kind: ref.kind } });
  const reselect = (next: { definition: Demarche; ref: TransitionRef }) => {
    onChange(next.definition);
    onSelect({ kind: 'transition', ref: next.ref });
  };
  const roles = Object.entries(definition.roles).map(([value, r]) => ({ value, label: r.label }));
  const payload = payloadFields(declaration).map((f) => ({ name: f.name, label: f.label }));

  return (
    <div className="gw-inspector__body">
      <h3 className="fr-h5 fr-mb-1w" id="inspecteur-titre" tabIndex={-1}>Transition : {trigger}</h3>
      <p className="fr-text--sm">De « {sourceLabel} » {targetPath ? `vers « ${stateLabel(definition, targetPath)} »` : '(reste dans l’étape)'}.</p>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}

      <section className="gw-section" aria-labelledby="transition-declencheur">
        <h4 className="fr-h6" id="transition-declencheur">Déclencheur</h4>
        {ref.kind === 'event' && isDeclarable(event!) && (
          <>
            <TextField id="transition-evenement" label="Nom de l’événement" hint="Identifiant technique : minuscules, chiffres, « _ »." value={event!} required
              onCommit={(v) => reselect(changeTransitionEvent(definition, ref, v.trim()))} />
            {declaration && (
              <>
                <TextField label="Libellé du bouton" hint="Ce que voit l’agent, par exemple « Refuser la demande »." value={declaration.label} required
                  onCommit={(label) => onChange(setEvent(definition, event!, { label: label.trim() }))} />
                <CheckboxesField legend="Rôles qui peuvent l’envoyer" choices={roles} value={declaration.roles}
                  onChange={(r) => attempt(() => {
                    if (!r.length) throw new Error('Au moins un rôle doit pouvoir envoyer l’événement.');
                    onChange(setEvent(definition, event!, { roles: r }));
                  })} />
                <TextField label="Question de confirmation (facultative)" hint="Par exemple « Refuser définitivement la demande ? »." value={declaration.confirm ?? ''}
                  onCommit={(confirm) => onChange(setEvent(definition, event!, { confirm: confirm.trim() || undefined }))} />
              </>
            )}
          </>
        )}
        {ref.kind === 'event' && !isDeclarable(event!) && <p className="fr-text--sm">Événement envoyé par Guichet lui-même : {trigger}.</p>}
        {ref.kind === 'after' && (
          <DurationField label="Délai avant déclenchement" value={definition.delays?.[ref.key!] ? undefined : ref.key}
            hint={definition.delays?.[ref.key!] ? `Délai nommé « ${ref.key} » (${trigger}) ; écrivez une durée pour le remplacer.` : undefined}
            onCommit={(iso) => attempt(() => reselect(updateTransition(definition, ref, { key: iso! })))} />
        )}
        {ref.kind === 'always' && <p className="fr-text--sm">Automatique : prise dès que sa condition est vraie.</p>}
        {ref.kind === 'done' && <p className="fr-text--sm">Prise quand toutes les branches de l’étape sont terminées.</p>}
      </section>

      <section className="gw-section" aria-labelledby="transition-cible">
        <h4 className="fr-h6" id="transition-cible">Étape suivante</h4>
        <SelectField id="transition-cible-select" label="Mène à" value={targetPath ?? NO_TARGET}
          options={[{ value: NO_TARGET, label: 'Rester dans l’étape (actions seulement)' }, ...stateChoices(definition)]}
          onChange={(v) => attempt(() => reselect(updateTransition(definition, ref, { target: v === NO_TARGET ? null : v })))} />
      </section>

      {declaration && (
        <section className="gw-section" aria-labelledby="transition-saisie">
          <h4 className="fr-h6" id="transition-saisie">Informations saisies en l’envoyant</h4>
          <PayloadFieldsEditor event={declaration} onChange={(list) => onChange(setPayloadFields(definition, event!, list))} />
        </section>
      )}

      <section className="gw-section" aria-labelledby="transition-condition">
        <h4 className="fr-h6" id="transition-condition">Condition</h4>
        <div className="fr-checkbox-group fr-checkbox-group--sm fr-mb-2w">
          <input type="checkbox" id="transition-avec-condition" checked={fieldsNow.guard !== undefined}
            onChange={(e) => attempt(() => reselect(updateTransition(definition, ref, { guard: e.target.checked ? { type: 'condition', params: { '==': [1, 1] } } : null })))} />
          <label className="fr-label" htmlFor="transition-avec-condition">Seulement si une condition est remplie</label>
        </div>
        {fieldsNow.guard && (
          <ConditionBuilder
            fields={fields}
            value={isTrivial(fieldsNow.guard.params) ? undefined : fieldsNow.guard.params}
            legend="Condition de la transition"
            context="de la transition"
            onChange={(logic) => {
              if (logic === undefined || logic === null || sameJson(logic, fieldsNow.guard?.params)) return;
              if (typeof logic !== 'object') return;
              attempt(() => onChange(updateTransition(definition, ref, { guard: { type: 'condition', params: logic as Record<string, unknown> } }).definition));
            }}
          />
        )}
      </section>

      <section className="gw-section" aria-labelledby="transition-actions">
        <h4 className="fr-h6" id="transition-actions">Actions</h4>
        <ActionsEditor definition={definition} actions={fieldsNow.actions ?? []} payloadFields={payload} context="de la transition"
          onChange={(actions) => attempt(() => onChange(updateTransition(definition, ref, { actions }).definition))} />
      </section>

      <button type="button" className="fr-btn fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
        onClick={() => attempt(() => {
          const next = deleteTransition(definition, ref);
          onChange(event ? dropUnusedEvent(next, event) : next);
          onSelect(ref.source === '' ? null : { kind: 'state', path: ref.source });
        })}>
        Supprimer la transition
      </button>
    </div>
  );
}

/** A guard just switched on holds a placeholder (always true) until its first rule is complete. */
const isTrivial = (logic: unknown) => sameJson(logic, { '==': [1, 1] });

export const sameRef = (a: TransitionRef, b: TransitionRef) => a.source === b.source && a.kind === b.kind && (a.key ?? '') === (b.key ?? '') && a.index === b.index;

