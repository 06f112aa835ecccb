import { useId, useState, type FormEvent } from 'react';
import { recordScenario, type Demarche, type Playback, type Scenario } from '../../engine';
import { scenarioId } from './logic';

export interface SaveScenarioProps {
  definition: Demarche;
  playback: Playback;
  onSave: (scenario: Scenario) => void;
}

/**
 * Keeps the simulation as a scenario of the definition: the filing, who did what and when, and what
 * was seen after each step as what must hold. It is replayed at each change of the draft, and
 * publishing refuses a version where it fails.
 */
export function SaveScenario({ definition, playback, onSave }: SaveScenarioProps) {
  const ids = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const name = title.trim();
    if (!name) {
      setError('Donnez un nom au scénario, par exemple « Demande acceptée après relance ».');
      return;
    }
    if (name.length > 200) {
      setError('Le nom du scénario fait au plus 200 caractères.');
      return;
    }
    const id = scenarioId(name, (definition.scenarios ?? []).map((s) => s.id));
    onSave(recordScenario(playback, { id, title: name, description: description.trim() || undefined }));
    setError(null);
    setSaved(name);
    setTitle('');
    setDescription('');
  };

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Enregistrer comme scénario</h3>
      <p className="fr-text--sm">
        Le scénario garde les réponses du formulaire, les {playback.steps.length} étape(s) jouées avec leur rôle, et ce qui a suivi chacune
        (étapes du dossier, effets, refus) comme résultat attendu.
      </p>
      <form onSubmit={save} noValidate>
        <div className={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor={`${ids}-name`}>Nom du scénario</label>
          <input
            className={`fr-input${error ? ' fr-input--error' : ''}`}
            id={`${ids}-name`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            aria-describedby={error ? `${ids}-error` : undefined}
            required
          />
          {error && <p className="fr-error-text" id={`${ids}-error`}>{error}</p>}
        </div>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${ids}-description`}>
            Description <span className="fr-hint-text">Facultatif : l’histoire que raconte le scénario.</span>
          </label>
          <textarea className="fr-input" id={`${ids}-description`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <button type="submit" className="fr-btn">Enregistrer comme scénario</button>
      </form>
      <div role="status">
        {saved && <p className="fr-alert fr-alert--success fr-alert--sm fr-mt-2w">Le scénario « {saved} » est enregistré avec la démarche.</p>}
      </div>
    </section>
  );
}
