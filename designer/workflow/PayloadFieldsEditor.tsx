import { useId, useState } from 'react';
import { PAYLOAD_FIELD_TYPES, camelKey, payloadFields, type PayloadField, type PayloadFieldType } from '../model';
import type { EventDefinition } from '../../engine';
import { TextField, useEditError } from './controls';
import { SelectField } from '../../ui/components';

interface Props {
  event: EventDefinition;
  /** Saves the new list (throws a DesignError when it cannot be). */
  onChange: (fields: PayloadField[]) => void;
}

const TYPE_OPTIONS = (Object.entries(PAYLOAD_FIELD_TYPES) as [PayloadFieldType, string][]).map(([value, label]) => ({ value, label, disabled: value === 'other' }));

/** « valeur : libellé » lines ↔ options of a choice. */
const optionsText = (f: PayloadField) => (f.options ?? []).map((o) => (o.title === o.value ? o.value : `${o.value} : ${o.title}`)).join('\n');
function parseOptions(text: string): PayloadField['options'] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    if (at < 0) return { value: line, title: line };
    return { value: line.slice(0, at).trim(), title: line.slice(at + 1).trim() || line.slice(0, at).trim() };
  });
}

/** The fields the person sending the event fills in (a refusal's « motif »…): a simple list of name, label, type, required. */
export function PayloadFieldsEditor({ event, onChange }: Props) {
  const fields = payloadFields(event);
  const base = useId();
  const [error, attempt] = useEditError();
  const [label, setLabel] = useState('');
  const [type, setType] = useState<PayloadFieldType>('textarea');
  const replace = (i: number, changes: Partial<PayloadField>) => attempt(() => onChange(fields.map((f, j) => (j === i ? { ...f, ...changes } : f))));

  const add = () => attempt(() => {
    if (!label.trim()) throw new Error('Donnez un libellé au nouveau champ, par exemple « Motif du refus ».');
    let name = camelKey(label);
    for (let n = 2; fields.some((f) => f.name === name); n++) name = `${camelKey(label)}${n}`;
    onChange([...fields, { name, label: label.trim(), type, required: true, ...(type === 'choice' ? { options: [{ value: 'oui', title: 'Oui' }, { value: 'non', title: 'Non' }] } : {}) }]);
    setLabel('');
  });

  return (
    <div className="gw-payload">
      {error && <p className="fr-error-text" role="alert">{error}</p>}
      {fields.length === 0 && <p className="fr-text--sm fr-mb-1w">Aucun champ : l’événement s’envoie sans rien saisir.</p>}
      <ol className="gw-action-list">
        {fields.map((f, i) => {
          const sr = <span className="fr-sr-only">{` du champ ${i + 1}`}</span>;
          return (
            <li key={f.name} className="gw-action">
              <div className="gw-action__head">
                <p className="fr-text--bold fr-mb-0">{f.label} <code className="fr-text--xs">{f.name}</code></p>
                <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-delete-line fr-btn--icon-left"
                  onClick={() => attempt(() => onChange(fields.filter((_, j) => j !== i)))}>
                  Retirer<span className="fr-sr-only">{` le champ « ${f.label} »`}</span>
                </button>
              </div>
              <TextField label={<>Libellé{sr}</>} value={f.label} required onCommit={(v) => replace(i, { label: v.trim() })} />
              <TextField label={<>Nom technique{sr}</>} hint="Lu par les conditions et les actions : event.payload.<nom>." value={f.name} required onCommit={(v) => onChange(fields.map((g, j) => (j === i ? { ...g, name: v.trim() } : g)))} />
              <SelectField label={<>Type{sr}</>} value={f.type} options={TYPE_OPTIONS} onChange={(t) => replace(i, { type: t, ...(t === 'choice' && !f.options ? { options: [{ value: 'oui', title: 'Oui' }] } : {}) })} />
              {f.type === 'choice' && (
                <TextField multiline label={<>Options{sr}</>} hint="Une par ligne, « valeur : libellé »." value={optionsText(f)} onCommit={(v) => onChange(fields.map((g, j) => (j === i ? { ...g, options: parseOptions(v) } : g)))} />
              )}
              <div className="fr-checkbox-group fr-checkbox-group--sm">
                <input type="checkbox" id={`${base}-req-${i}`} checked={f.required} onChange={(e) => replace(i, { required: e.target.checked })} />
                <label className="fr-label" htmlFor={`${base}-req-${i}`}>Obligatoire<span className="fr-sr-only">{` : ${f.label}`}</span></label>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="gw-inline-form">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${base}-new`}>Libellé du champ à ajouter</label>
          <input className="fr-input" id={`${base}-new`} type="text" value={label} onChange={(e) => setLabel(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); add(); } }} />
        </div>
        <SelectField id={`${base}-newtype`} label="Type du champ à ajouter" value={type} options={TYPE_OPTIONS} onChange={setType} />
        <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left" onClick={add}>Ajouter le champ</button>
      </div>
    </div>
  );
}
