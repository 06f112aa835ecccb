import { useId, type ReactNode } from 'react';

export interface SelectFieldProps<T extends string> {
  label: ReactNode;
  /** Under the label: what to choose, or why the field is disabled. */
  hint?: ReactNode;
  value: T | '';
  options: { value: T; label: string; disabled?: boolean }[];
  onChange: (value: T) => void;
  id?: string;
  /** A first, empty option that asks for a choice (it cannot be picked back once one is made). */
  placeholder?: string;
  disabled?: boolean;
}

/** A labelled DSFR select. */
export function SelectField<T extends string>({ label, hint, value, options, onChange, id, placeholder, disabled = false }: SelectFieldProps<T>) {
  const own = useId();
  const selectId = id ?? own;
  return (
    <div className={`fr-select-group${disabled ? ' fr-select-group--disabled' : ''}`}>
      <label className="fr-label" htmlFor={selectId}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      <select className="fr-select" id={selectId} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)}>
        {placeholder !== undefined && <option value="" disabled={value !== ''}>{placeholder}</option>}
        {options.map((o) => <option key={o.value} value={o.value} disabled={o.disabled}>{o.label}</option>)}
      </select>
    </div>
  );
}
