import { useEffect, useId, useState, type ReactNode } from 'react';
import { durationInWords, parseDuration } from './durations';

interface TextProps {
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  /** Called once the person leaves the field or presses Entrée, with the new text; a message is shown if it throws. */
  onCommit: (value: string) => void;
  id?: string;
  multiline?: boolean;
  required?: boolean;
  /** Reads what is typed before it is committed (e.g. a duration in words). */
  describe?: (value: string) => string | null;
}

/**
 * A labelled DSFR text field that edits the definition when the person is done typing, not on
 * every key: each commit is one step of undo. A refused edit (DesignError) is shown under it.
 */
export function TextField({ label, hint, value, onCommit, id, multiline, required, describe }: TextProps) {
  const own = useId();
  const inputId = id ?? own;
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(value);
    setError(null);
  }, [value]);
  const commit = () => {
    if (text === value) return;
    if (required && !text.trim()) {
      setError('Ce champ est obligatoire.');
      return;
    }
    try {
      onCommit(text);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const described = describe?.(text);
  const messageId = `${inputId}-message`;
  const common = {
    id: inputId, value: text, onBlur: commit,
    'aria-describedby': error || described ? messageId : undefined,
    'aria-invalid': error ? true : undefined,
  };
  return (
    <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={inputId}>
        {label}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </label>
      {multiline
        ? <textarea className="fr-input" rows={2} {...common} onChange={(e) => setText(e.target.value)} />
        : (
          <input className={`fr-input${error ? ' fr-input--error' : ''}`} type="text" {...common} onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); commit(); } }} />
        )}
      {error && <p className="fr-error-text" id={messageId}>{error}</p>}
      {!error && described && <p className="fr-info-text" id={messageId}>{described}</p>}
    </div>
  );
}

/** A duration typed as « 15 jours », « 2 mois » or P15D, committed as ISO 8601; empty clears it when allowed. */
export function DurationField({ label, hint, value, onCommit, optional, id }: {
  label: ReactNode; hint?: ReactNode; value: string | undefined; onCommit: (iso: string | undefined) => void; optional?: boolean; id?: string;
}) {
  return (
    <TextField
      id={id}
      label={label}
      hint={hint ?? 'Par exemple « 15 jours », « 2 mois », « 48 heures » ou P15D.'}
      value={value ? durationInWords(value) ?? value : ''}
      required={!optional}
      describe={(text) => {
        if (!text.trim()) return null;
        const iso = parseDuration(text);
        return iso ? `Soit ${durationInWords(iso)} (${iso}).` : null;
      }}
      onCommit={(text) => {
        if (!text.trim() && optional) return onCommit(undefined);
        const iso = parseDuration(text);
        if (!iso) throw new Error('Durée illisible : écrivez par exemple « 15 jours », « 2 mois » ou P15D.');
        onCommit(iso);
      }}
    />
  );
}

/** Checkboxes over a set of choices (the démarche's roles…), in a fieldset with its legend. */
export function CheckboxesField({ legend, hint, choices, value, onChange, inline = true }: {
  legend: ReactNode; hint?: ReactNode; choices: { value: string; label: string }[]; value: string[]; onChange: (value: string[]) => void; inline?: boolean;
}) {
  const base = useId();
  return (
    <fieldset className="fr-fieldset" aria-labelledby={`${base}-legend`}>
      <legend className="fr-fieldset__legend fr-text--regular" id={`${base}-legend`}>
        {legend}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </legend>
      {choices.map((c, i) => (
        <div key={c.value} className={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`}>
          <div className="fr-checkbox-group fr-checkbox-group--sm">
            <input type="checkbox" id={`${base}-${i}`} checked={value.includes(c.value)}
              onChange={(e) => onChange(e.target.checked ? [...value, c.value].sort((a, b) => order(choices, a) - order(choices, b)) : value.filter((v) => v !== c.value))} />
            <label className="fr-label" htmlFor={`${base}-${i}`}>{c.label}</label>
          </div>
        </div>
      ))}
    </fieldset>
  );
}

const order = (choices: { value: string }[], v: string) => choices.findIndex((c) => c.value === v);

/** Runs an edit of the definition and shows why it was refused, if it was. */
export function useEditError(): [string | null, (run: () => void) => void, () => void] {
  const [error, setError] = useState<string | null>(null);
  const attempt = (run: () => void) => {
    try {
      run();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return [error, attempt, () => setError(null)];
}
