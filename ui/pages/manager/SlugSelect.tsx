import { useEffect, useRef, useState } from 'react';

const OTHER = '__autre__';

interface SlugSelectProps {
  id: string;
  /** The visible label (« Service »). */
  label: string;
  /** Said to screen readers after the label: « de la règle 2 ». */
  context: string;
  /** What « Autre » asks for: « Nouveau service ». */
  otherLabel: string;
  value: string;
  known: string[];
  /** French names of some values. */
  names?: Record<string, string>;
  /** Offer « aucun » (an empty value). */
  noneLabel?: string;
  error?: string;
  onChange(value: string): void;
}

/**
 * A select of the values already known (services, sites, queues) plus « Autre… », which opens a
 * text field for a new one.
 */
export function SlugSelect({ id, label, context, otherLabel, value, known, names = {}, noneLabel, error, onChange }: SlugSelectProps) {
  const [other, setOther] = useState(() => value !== '' && !known.includes(value));
  const focusOther = useRef(false);
  useEffect(() => {
    if (value !== '' && !known.includes(value)) setOther(true);
  }, [value, known]);
  useEffect(() => {
    if (other && focusOther.current) {
      document.getElementById(`${id}-autre`)?.focus();
      focusOther.current = false;
    }
  }, [other, id]);

  const show = (v: string) => names[v] ?? v;
  const selectError = !other ? error : undefined;
  const inputError = other ? error : undefined;
  return (
    <>
      <div className={`fr-select-group${selectError ? ' fr-select-group--error' : ''}`}>
        <label className="fr-label" htmlFor={id}>{label}<span className="fr-sr-only">{` ${context}`}</span></label>
        <select
          className="fr-select" id={id} value={other ? OTHER : value}
          aria-describedby={selectError ? `${id}-error` : undefined} aria-invalid={selectError ? true : undefined}
          onChange={(e) => {
            if (e.target.value === OTHER) {
              focusOther.current = true;
              setOther(true);
              onChange('');
            } else {
              setOther(false);
              onChange(e.target.value);
            }
          }}
        >
          {noneLabel !== undefined ? <option value="">{noneLabel}</option> : <option value="" disabled>Choisir</option>}
          {known.map((v) => <option key={v} value={v}>{show(v)}</option>)}
          <option value={OTHER}>Autre (à saisir)…</option>
        </select>
        {selectError && <p className="fr-error-text" id={`${id}-error`}>{selectError}</p>}
      </div>
      {other && (
        <div className={`fr-input-group${inputError ? ' fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor={`${id}-autre`}>
            {otherLabel}<span className="fr-sr-only">{` ${context}`}</span>
            <span className="fr-hint-text">Minuscules sans accents, chiffres et tirets : « annexe-nord »</span>
          </label>
          <input
            className="fr-input" id={`${id}-autre`} type="text" value={value} autoComplete="off" spellCheck={false}
            aria-describedby={inputError ? `${id}-autre-error` : undefined} aria-invalid={inputError ? true : undefined}
            onChange={(e) => onChange(e.target.value)}
          />
          {inputError && <p className="fr-error-text" id={`${id}-autre-error`}>{inputError}</p>}
        </div>
      )}
    </>
  );
}
