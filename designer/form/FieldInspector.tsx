import { useEffect, useMemo, useState } from 'react';
import type { Demarche, RoutingTable } from '../../engine';
import { ConditionBuilder } from '../../ui/forms';
import { FIELD_TYPES, fieldSpec, referencesTo, removeField, renameField, updateField, type FieldSpec, type FieldType } from '../model';
import type { Selection } from '../selection';
import { numberOrUndefined, tryEdit } from './apply';
import { OptionsEditor } from './OptionsEditor';
import { logicToShowWhen, showWhenFields, showWhenToLogic } from './showWhen';

export interface FieldInspectorProps {
  definition: Demarche;
  fieldKey: string;
  routing?: RoutingTable;
  onChange: (next: Demarche, group?: string) => void;
  onSelect: (selection: Selection) => void;
}

const LENGTHS: FieldType[] = ['texte', 'texte_long'];
const VALUES: FieldType[] = ['nombre', 'entier'];
const CHOICES: FieldType[] = ['choix', 'choix_multiple'];

const inRouting = (r: { pointer: string }) => r.pointer.startsWith('/routing/');

/**
 * What renaming or removing a field breaks: the démarche's own conditions, which the linter will
 * point at, and the managers' routing rules, which only they can mend.
 */
function brokenReferences(references: { pointer: string }[]): string {
  const n = references.length;
  const plural = n > 1;
  const routing = references.some(inRouting);
  const definition = references.some((r) => !inRouting(r));
  const linter = !definition ? '.' : routing ? ' : le linter signalera celles de la démarche.' : ' : le linter les signalera.';
  return `${n} condition${plural ? 's' : ''} ou règle${plural ? 's' : ''} le li${plural ? 'sent' : 't'} et ne le trouver${plural ? 'ont' : 'a'} plus${linter}`
    + (routing ? ' La table de routage appartient aux managers : prévenez-les pour qu’ils corrigent leurs règles.' : '');
}

/**
 * Everything about one field: its name, label, help, kind, whether it is required, its constraints
 * and options, and when it shows. Renaming or removing a field that conditions read asks first.
 */
export function FieldInspector({ definition, fieldKey, routing, onChange, onSelect }: FieldInspectorProps) {
  const spec = fieldSpec(definition, fieldKey);
  const { key: _key, ...rest } = spec;
  const [error, setError] = useState<string | null>(null);
  const [newKey, setNewKey] = useState(fieldKey);
  const [confirm, setConfirm] = useState<'rename' | 'remove' | null>(null);
  const [conditionProblem, setConditionProblem] = useState<string | null>(null);
  const references = useMemo(() => referencesTo(definition, fieldKey, routing), [definition, fieldKey, routing]);
  const conditionFields = useMemo(() => showWhenFields(definition, fieldKey), [definition, fieldKey]);
  const conditionValue = useMemo(() => showWhenToLogic(spec.showWhen, conditionFields), [spec.showWhen, conditionFields]);
  useEffect(() => { setNewKey(fieldKey); setConfirm(null); setError(null); setConditionProblem(null); }, [fieldKey]);

  const id = (what: string) => `champ-${fieldKey}-${what}`;
  const update = (patch: Partial<Omit<FieldSpec, 'key'>>, group: string) => {
    const result = tryEdit(() => updateField(definition, fieldKey, { ...rest, ...patch }));
    setError(result.error ?? null);
    if (result.definition) onChange(result.definition, `champ:${fieldKey}:${group}`);
  };
  const changeType = (type: FieldType) => {
    const options = CHOICES.includes(type) && !(rest.options?.length) ? [{ value: 'option_1', label: 'Option 1' }, { value: 'option_2', label: 'Option 2' }] : rest.options;
    const keepBounds = (LENGTHS.includes(type) && LENGTHS.includes(rest.type)) || (VALUES.includes(type) && VALUES.includes(rest.type));
    update({ type, options: CHOICES.includes(type) ? options : undefined, min: keepBounds ? rest.min : undefined, max: keepBounds ? rest.max : undefined, pattern: type === 'texte' ? rest.pattern : undefined }, 'type');
  };
  const rename = (force: boolean) => {
    if (newKey === fieldKey) return;
    if (references.length > 0 && !force) { setConfirm('rename'); return; }
    const result = tryEdit(() => renameField(definition, fieldKey, newKey));
    setError(result.error ?? null);
    if (result.definition) {
      onChange(result.definition);
      onSelect({ kind: 'field', key: newKey });
    }
  };
  const remove = (force: boolean) => {
    if (references.length > 0 && !force) { setConfirm('remove'); return; }
    onChange(removeField(definition, fieldKey));
    onSelect(null);
  };
  const bounds = LENGTHS.includes(spec.type) ? ['Longueur minimale (caractères)', 'Longueur maximale (caractères)'] : VALUES.includes(spec.type) ? ['Valeur minimale', 'Valeur maximale'] : null;

  return (
    <section className="designer-inspector" aria-labelledby={id('titre')}>
      <h3 id={id('titre')} className="fr-h5">Champ « {spec.title} »</h3>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}
      {references.length > 0 && (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
          <p>Ce champ est lu ailleurs dans la démarche : le renommer ou le supprimer casserait ces conditions.</p>
          <ul>{references.map((r) => <li key={r.pointer}>{r.where}</li>)}</ul>
        </div>
      )}
      {confirm && (
        <div className="fr-alert fr-alert--warning fr-mb-2w" role="alertdialog" aria-labelledby={id('confirmer')}>
          <h4 id={id('confirmer')} className="fr-alert__title">{confirm === 'remove' ? 'Supprimer ce champ malgré tout ?' : `Renommer ce champ en « ${newKey} » malgré tout ?`}</h4>
          <p>{brokenReferences(references)}</p>
          <ul className="fr-btns-group fr-btns-group--inline-sm fr-mt-1w">
            <li><button type="button" className="fr-btn fr-btn--sm" onClick={() => { setConfirm(null); if (confirm === 'remove') remove(true); else rename(true); }}>{confirm === 'remove' ? 'Supprimer quand même' : 'Renommer quand même'}</button></li>
            <li><button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setConfirm(null)}>Annuler</button></li>
          </ul>
        </div>
      )}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={id('libelle')}>Libellé<span className="fr-hint-text">La question telle que l’usager la lit.</span></label>
        <input className="fr-input" id={id('libelle')} value={spec.title} onChange={(e) => update({ title: e.target.value }, 'title')} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={id('aide')}>Aide (facultatif)<span className="fr-hint-text">Une précision sous le libellé : un exemple, où trouver l’information.</span></label>
        <input className="fr-input" id={id('aide')} value={spec.description ?? ''} onChange={(e) => update({ description: e.target.value || undefined }, 'description')} />
      </div>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={id('type')}>Type de réponse<span className="fr-hint-text">Pour un fichier à joindre, ajoutez une pièce justificative (plus bas).</span></label>
        <select className="fr-select" id={id('type')} value={spec.type} onChange={(e) => changeType(e.target.value as FieldType)}>
          {Object.entries(FIELD_TYPES).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <div className="fr-checkbox-group fr-mb-2w">
        <input type="checkbox" id={id('obligatoire')} checked={spec.required} onChange={(e) => update({ required: e.target.checked }, 'required')} />
        <label className="fr-label" htmlFor={id('obligatoire')}>Réponse obligatoire</label>
      </div>
      {bounds && (
        <div className="designer-inspector__pair">
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={id('min')}>{bounds[0]}</label>
            <input className="fr-input" type="number" id={id('min')} value={spec.min ?? ''} onChange={(e) => update({ min: numberOrUndefined(e.target.value) }, 'min')} />
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={id('max')}>{bounds[1]}</label>
            <input className="fr-input" type="number" id={id('max')} value={spec.max ?? ''} onChange={(e) => update({ max: numberOrUndefined(e.target.value) }, 'max')} />
          </div>
        </div>
      )}
      {spec.type === 'texte' && (
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={id('motif')}>Format attendu (facultatif)<span className="fr-hint-text">Une expression régulière, par exemple ^[0-9]{'{'}5{'}'}$ pour cinq chiffres.</span></label>
          <input className="fr-input" id={id('motif')} value={spec.pattern ?? ''} onChange={(e) => update({ pattern: e.target.value || undefined }, 'pattern')} spellCheck={false} />
        </div>
      )}
      {CHOICES.includes(spec.type) && (
        <OptionsEditor fieldKey={fieldKey} options={spec.options ?? []} onChange={(options, group) => update({ options }, `options:${group}`)} />
      )}
      <div className="fr-mb-2w">
        {conditionFields.length === 0
          ? <p className="fr-text--sm">Ce champ est toujours affiché. Pour l’afficher selon une réponse, ajoutez d’abord un champ « Choix unique » ou « Oui / non ».</p>
          : (
            <ConditionBuilder
              fields={conditionFields}
              value={conditionValue ?? true}
              legend="Afficher ce champ"
              context={`du champ ${spec.title}`}
              errors={conditionProblem ? [conditionProblem] : []}
              onChange={(logic, status) => {
                if (!status.complete) return;
                const read = logicToShowWhen(logic, conditionFields);
                setConditionProblem(read.problem ?? null);
                if (!read.problem) update({ showWhen: read.showWhen }, 'showWhen');
              }}
            />
          )}
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={id('nom')}>Nom technique<span className="fr-hint-text">Le nom de la donnée dans les conditions et les courriers (data.{fieldKey}).</span></label>
        <div className="designer-inline">
          <input className="fr-input" id={id('nom')} value={newKey} onChange={(e) => setNewKey(e.target.value)} spellCheck={false} />
          <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" disabled={newKey === fieldKey} onClick={() => rename(false)}>Renommer</button>
        </div>
      </div>
      <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-delete-line fr-btn--icon-left" onClick={() => remove(false)}>Supprimer le champ</button>
    </section>
  );
}
