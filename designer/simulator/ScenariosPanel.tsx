import { useId, useRef, useState, type FormEvent } from 'react';
import type { Demarche, Scenario, ScenarioResult } from '../../engine';
import { formatDateTime } from '../../ui/forms';
import { withoutScenario, withScenarioTitle } from './logic';
import { useScenarioResults } from './useScenarioResults';
import './simulator.css';

export interface ScenariosPanelProps {
  definition: Demarche;
  /** A new definition after removing or renaming a scenario. */
  onChange: (next: Demarche) => void;
  /** Milliseconds of calm before the scenarios are played again (default 400). */
  delay?: number;
}

type Editing = { index: number; mode: 'rename' | 'delete' } | null;

function summary(results: ScenarioResult[] | null, current: boolean, count: number): string {
  if (count === 0) return 'Aucun scénario : essayez la démarche dans le simulateur et enregistrez la simulation comme scénario.';
  if (!results || !current) return 'Vérification des scénarios en cours…';
  const passed = results.filter((r) => r.ok).length;
  if (passed === count) return count === 1 ? 'Le scénario réussit.' : `Les ${count} scénarios réussissent.`;
  return `${count - passed} scénario${count - passed > 1 ? 's' : ''} sur ${count} échoue${count - passed > 1 ? 'nt' : ''} : la publication sera refusée tant qu’ils échouent.`;
}

function Verdict({ result, current }: { result: ScenarioResult | undefined; current: boolean }) {
  if (!result || !current) return <p className="fr-badge fr-badge--sm fr-badge--no-icon">Vérification…</p>;
  return result.ok
    ? <p className="fr-badge fr-badge--sm fr-badge--success">Réussi</p>
    : <p className="fr-badge fr-badge--sm fr-badge--error">Échoué</p>;
}

function RenameForm({ scenario, onRename, onCancel }: { scenario: Scenario; onRename: (title: string) => void; onCancel: () => void }) {
  const id = useId();
  const [title, setTitle] = useState(scenario.title);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = title.trim();
    if (!name) setError('Le nom ne peut pas être vide.');
    else if (name.length > 200) setError('Le nom fait au plus 200 caractères.');
    else onRename(name);
  };
  return (
    <form onSubmit={submit} noValidate className="fr-mt-1w">
      <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor={`${id}-title`}>Nouveau nom du scénario « {scenario.title} »</label>
        <input
          className={`fr-input${error ? ' fr-input--error' : ''}`}
          id={`${id}-title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-describedby={error ? `${id}-error` : undefined}
          autoFocus
        />
        {error && <p className="fr-error-text" id={`${id}-error`}>{error}</p>}
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li><button type="submit" className="fr-btn fr-btn--sm">Renommer</button></li>
        <li><button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={onCancel}>Annuler</button></li>
      </ul>
    </form>
  );
}

/**
 * The scenarios kept with the draft, played by the engine after each change: each passes or fails
 * with the French reason the runner gives, and can be renamed or deleted.
 */
export function ScenariosPanel({ definition, onChange, delay = 400 }: ScenariosPanelProps) {
  const ids = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const scenarios = definition.scenarios ?? [];
  const { results, current } = useScenarioResults(definition, delay);
  const [editing, setEditing] = useState<Editing>(null);

  const resultOf = (index: number, scenario: Scenario) =>
    current ? results?.[index] : results?.find((r) => r.id === scenario.id);

  return (
    <section aria-labelledby={`${ids}-title`} className="guichet-scenarios">
      <h2 id={`${ids}-title`} ref={heading} tabIndex={-1}>Scénarios</h2>
      <p className="fr-text--sm">Chaque scénario est rejoué par le moteur à chaque modification du brouillon ; la publication refuse une version dont un scénario échoue.</p>
      <p role="status" className="fr-mb-3w">{summary(results, current, scenarios.length)}</p>
      <ul className="fr-raw-list">
        {scenarios.map((scenario, index) => {
          const result = resultOf(index, scenario);
          const state = result && current ? (result.ok ? 'ok' : 'ko') : 'pending';
          return (
            <li key={`${scenario.id}-${index}`} className={`guichet-scenarios__item guichet-scenarios__item--${state}`}>
              <h3 className="fr-h6 fr-mb-1w">{scenario.title}</h3>
              <Verdict result={result} current={current} />
              {scenario.description && <p className="fr-text--sm fr-mb-1w">{scenario.description}</p>}
              <p className="fr-text--xs fr-mb-1w">
                Dépôt le {formatDateTime(scenario.start.at)}, {scenario.steps.length} étape{scenario.steps.length > 1 ? 's' : ''} — identifiant <code>{scenario.id}</code>
              </p>
              {result && current && result.failure && (
                <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-1w">
                  <p>{result.failure.message}</p>
                </div>
              )}
              {result && current && result.log.length > 0 && (
                <details className="fr-mb-1w">
                  <summary>Déroulé</summary>
                  <ol className="fr-text--sm">{result.log.map((line, i) => <li key={i}>{line}</li>)}</ol>
                </details>
              )}
              {editing?.index === index && editing.mode === 'rename' ? (
                <RenameForm
                  scenario={scenario}
                  onCancel={() => setEditing(null)}
                  onRename={(title) => {
                    setEditing(null);
                    onChange(withScenarioTitle(definition, index, title));
                  }}
                />
              ) : editing?.index === index && editing.mode === 'delete' ? (
                <div className="fr-mt-1w" role="group" aria-label={`Supprimer le scénario « ${scenario.title} »`}>
                  <p className="fr-mb-1w">Supprimer le scénario « {scenario.title} » ? Il ne sera plus rejoué.</p>
                  <ul className="fr-btns-group fr-btns-group--inline-sm">
                    <li>
                      <button
                        type="button"
                        className="fr-btn fr-btn--sm"
                        autoFocus
                        onClick={() => {
                          setEditing(null);
                          onChange(withoutScenario(definition, index));
                          heading.current?.focus();
                        }}
                      >
                        Supprimer définitivement
                      </button>
                    </li>
                    <li><button type="button" className="fr-btn fr-btn--sm fr-btn--secondary" onClick={() => setEditing(null)}>Annuler</button></li>
                  </ul>
                </div>
              ) : (
                <ul className="fr-btns-group fr-btns-group--inline-sm">
                  <li>
                    <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setEditing({ index, mode: 'rename' })} aria-label={`Renommer le scénario « ${scenario.title} »`}>
                      Renommer
                    </button>
                  </li>
                  <li>
                    <button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary" onClick={() => setEditing({ index, mode: 'delete' })} aria-label={`Supprimer le scénario « ${scenario.title} »`}>
                      Supprimer
                    </button>
                  </li>
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
