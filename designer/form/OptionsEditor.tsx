import { slugify } from '../model';

export interface OptionsEditorProps {
  fieldKey: string;
  options: { value: string; label: string }[];
  /** The new list; `group` tells apart typing in one option from other edits (undo steps). */
  onChange: (options: { value: string; label: string }[], group: string) => void;
}

/** The choices of a « Choix » field: each with the label the usager reads and the value conditions test. */
export function OptionsEditor({ fieldKey, options, onChange }: OptionsEditorProps) {
  const set = (i: number, patch: Partial<{ value: string; label: string }>, group: string) =>
    onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)), group);
  const add = () => {
    const taken = new Set(options.map((o) => o.value));
    let n = options.length + 1;
    while (taken.has(`option_${n}`)) n++;
    onChange([...options, { value: `option_${n}`, label: `Option ${n}` }], 'add');
  };
  return (
    <fieldset className="fr-fieldset designer-options" aria-labelledby={`champ-${fieldKey}-options-legende`}>
      <legend className="fr-fieldset__legend fr-text--regular" id={`champ-${fieldKey}-options-legende`}>Choix proposés</legend>
      {options.map((o, i) => (
        <div className="fr-fieldset__element designer-inline" key={i}>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={`champ-${fieldKey}-option-${i}-libelle`}>Libellé du choix {i + 1}</label>
            <input
              className="fr-input" id={`champ-${fieldKey}-option-${i}-libelle`} value={o.label}
              onChange={(e) => {
                // The value follows the label while it is still the one made from it.
                const follows = o.value === slugify(o.label) || /^option_\d+$/.test(o.value);
                set(i, { label: e.target.value, ...(follows ? { value: slugify(e.target.value) } : {}) }, `label-${i}`);
              }}
            />
          </div>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor={`champ-${fieldKey}-option-${i}-valeur`}>Valeur du choix {i + 1}</label>
            <input className="fr-input" id={`champ-${fieldKey}-option-${i}-valeur`} value={o.value} spellCheck={false} onChange={(e) => set(i, { value: e.target.value }, `value-${i}`)} />
          </div>
          <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-delete-line" title={`Retirer le choix ${i + 1}`} onClick={() => onChange(options.filter((_, j) => j !== i), 'remove')}>
            Retirer le choix {i + 1}
          </button>
        </div>
      ))}
      <div className="fr-fieldset__element">
        <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left" onClick={add}>Ajouter un choix</button>
      </div>
    </fieldset>
  );
}
