import { useId, useState, type FormEvent } from 'react';
import { durationBetween, type Demarche, type ScenarioStep, type Timer } from '../../engine';
import { formatDateTime } from '../../ui/forms';
import { DURATION_UNITS, eventLabel, isoDuration, type DurationUnit } from './logic';

export interface TimeControlsProps {
  definition: Demarche;
  now: string;
  timers: Timer[];
  done: boolean;
  onStep: (step: ScenarioStep) => void;
}

/** Fast-forwarding the simulated clock: by a duration, or to the next armed timer. The timers due on the way fire. */
export function TimeControls({ definition, now, timers, done, onStep }: TimeControlsProps) {
  const ids = useId();
  const [count, setCount] = useState('15');
  const [unit, setUnit] = useState<DurationUnit>('jours');
  const [error, setError] = useState<string | null>(null);
  const next = [...timers].sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];

  const advance = (event: FormEvent) => {
    event.preventDefault();
    const duration = isoDuration(Number(count), unit);
    if (!duration) {
      setError('Indiquez un nombre entier, au moins 1.');
      return;
    }
    setError(null);
    onStep({ advance: duration });
  };

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Avancer le temps</h3>
      {done && <p className="fr-text--sm">Le dossier est clos ; le temps peut encore passer (une conservation, un délai qui courait).</p>}
      <form onSubmit={advance} noValidate>
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-6 fr-col-md-3">
            <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
              <label className="fr-label" htmlFor={`${ids}-count`}>Durée</label>
              <input
                className={`fr-input${error ? ' fr-input--error' : ''}`}
                id={`${ids}-count`}
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                value={count}
                onChange={(e) => setCount(e.target.value)}
                aria-describedby={error ? `${ids}-error` : undefined}
              />
            </div>
          </div>
          <div className="fr-col-6 fr-col-md-4">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={`${ids}-unit`}>Unité</label>
              <select className="fr-select" id={`${ids}-unit`} value={unit} onChange={(e) => setUnit(e.target.value as DurationUnit)}>
                {DURATION_UNITS.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-5">
            <button type="submit" className="fr-btn fr-btn--secondary">Avancer le temps</button>
          </div>
        </div>
        {error && <p className="fr-error-text" id={`${ids}-error`}>{error}</p>}
      </form>
      {next ? (
        <p className="fr-mt-2w">
          <button type="button" className="fr-btn fr-btn--tertiary" onClick={() => onStep({ advance: durationBetween(now, next.dueAt) })}>
            Aller au prochain minuteur
          </button>
          <span className="fr-hint-text">{eventLabel(definition, next.event.type)}, le {formatDateTime(next.dueAt)}.</span>
        </p>
      ) : <p className="fr-mt-2w fr-text--sm">Aucun minuteur n’est armé.</p>}
    </section>
  );
}
