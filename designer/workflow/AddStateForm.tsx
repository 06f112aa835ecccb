import { useEffect, useId, useRef, useState } from 'react';
import type { Demarche, State } from '../../engine';
import { addState, slugify } from '../model';
import type { Selection } from '../selection';
import { useEditError } from './controls';
import { SelectField } from '../../ui/components';

interface Props {
  definition: Demarche;
  /** Where the new state goes: '' for the top level, else the enclosing state's path. */
  parentPath: string;
  onChange: (next: Demarche) => void;
  onSelect: (selection: Selection) => void;
  buttonLabel: string;
  autoFocus?: boolean;
  onDone?: () => void;
}

/** Adds a state: its French label, its key (derived from the label, editable) and its type. */
export function AddStateForm({ definition, parentPath, onChange, onSelect, buttonLabel, autoFocus, onDone }: Props) {
  const base = useId();
  const [label, setLabel] = useState('');
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [type, setType] = useState<NonNullable<State['type']>>('atomic');
  const [error, attempt, clear] = useEditError();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  const submit = () => attempt(() => {
    if (!label.trim()) throw new Error('Donnez un libellé à l’étape, par exemple « Instruction de la demande ».');
    const k = (keyEdited ? key : slugify(label)).trim();
    const next = addState(definition, parentPath, k, { label: label.trim() }, type === 'atomic' ? undefined : type);
    onChange(next);
    onSelect({ kind: 'state', path: parentPath ? `${parentPath}.${k}` : k });
    setLabel('');
    setKey('');
    setKeyEdited(false);
    onDone?.();
  });
  const where = parentPath ? ' (sous-étape)' : '';
  return (
    <div className="gw-add-state">
      {error && <p className="fr-error-text" role="alert" id={`${base}-error`}>{error}</p>}
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${base}-label`}>Libellé de la nouvelle étape{where}</label>
        <input ref={input} className="fr-input" id={`${base}-label`} type="text" value={label}
          onChange={(e) => { setLabel(e.target.value); clear(); }}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); submit(); } }} />
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${base}-key`}>Identifiant<span className="fr-hint-text">Déduit du libellé ; modifiable.</span></label>
        <input className="fr-input" id={`${base}-key`} type="text" value={keyEdited ? key : label ? slugify(label) : ''}
          onChange={(e) => { setKey(e.target.value); setKeyEdited(true); }} />
      </div>
      <SelectField id={`${base}-type`} label="Type" value={type} onChange={setType}
        options={[{ value: 'atomic', label: 'Étape simple' }, { value: 'final', label: 'Étape finale' }, { value: 'compound', label: 'Étape composée' }, { value: 'parallel', label: 'Étapes en parallèle' }]} />
      <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left" onClick={submit}>{buttonLabel}</button>
    </div>
  );
}
