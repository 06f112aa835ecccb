import { useId, useState } from 'react';
import type { Demarche, Rejection, Scenario } from '../../engine';
import { DemarcheForm, type FormValues } from '../../ui/forms';
import { fromParisInput, morningOf, parisInput, rejectionTitle } from './logic';

export interface FilingFormProps {
  definition: Demarche;
  /** The previous filing (after « Recommencer »), to start from. */
  initial: Scenario['start'] | null;
  /** The engine's refusal of the last attempt, if any. */
  rejection: Rejection | null;
  onFile: (start: Scenario['start']) => void;
}

/** Whether a pièce is asked always, never, or depending on the answers (a JSON Logic condition). */
function requirement(required: unknown): string {
  if (required === true) return 'obligatoire';
  if (required === false || required === undefined || required === null) return 'facultative';
  return 'obligatoire selon les réponses';
}

/**
 * The citizen's side of the simulation: the form as the portal shows it, the pièces attached, and
 * when the dossier is filed. « Déposer » hands the filing to the engine.
 */
export function FilingForm({ definition, initial, rejection, onFile }: FilingFormProps) {
  const ids = useId();
  const [data, setData] = useState<FormValues>(() => initial?.data ?? {});
  const [pieces, setPieces] = useState<string[]>(() => initial?.pieces ?? []);
  const [at, setAt] = useState(() => parisInput(initial?.at ?? morningOf(new Date())));
  const [source, setSource] = useState('');
  const atIso = fromParisInput(at);
  const scenarios = definition.scenarios ?? [];
  const pieceEntries = Object.entries(definition.pieces ?? {});

  const reuse = () => {
    const scenario = scenarios.find((s) => s.id === source);
    if (!scenario) return;
    setData(structuredClone(scenario.start.data));
    setPieces([...(scenario.start.pieces ?? [])]);
    setAt(parisInput(scenario.start.at));
  };

  const toggle = (id: string, checked: boolean) =>
    setPieces((current) => (checked ? [...current.filter((p) => p !== id), id] : current.filter((p) => p !== id)));

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Dépôt du dossier</h3>
      <p>Remplissez le formulaire comme le ferait l’usager, cochez les pièces jointes et choisissez le moment du dépôt.</p>

      {scenarios.length > 0 && (
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
          <div className="fr-col-12 fr-col-md-8">
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={`${ids}-source`}>
                Reprendre les réponses d’un scénario
                <span className="fr-hint-text">Le formulaire, les pièces et la date de son dépôt.</span>
              </label>
              <select className="fr-select" id={`${ids}-source`} value={source} onChange={(e) => setSource(e.target.value)}>
                <option value="">Choisir un scénario</option>
                {scenarios.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
              </select>
            </div>
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <button type="button" className="fr-btn fr-btn--secondary" disabled={!source} onClick={reuse}>Reprendre ces réponses</button>
          </div>
        </div>
      )}

      <div className={`fr-input-group${atIso ? '' : ' fr-input-group--error'}`}>
        <label className="fr-label" htmlFor={`${ids}-at`}>
          Date et heure du dépôt
          <span className="fr-hint-text">Heure de Paris. Les délais et les minuteurs partent de ce moment.</span>
        </label>
        <input
          className={`fr-input${atIso ? '' : ' fr-input--error'}`}
          type="datetime-local"
          id={`${ids}-at`}
          value={at}
          onChange={(e) => setAt(e.target.value)}
          aria-describedby={atIso ? undefined : `${ids}-at-error`}
        />
        {!atIso && <p className="fr-error-text" id={`${ids}-at-error`}>Indiquez une date et une heure, par exemple le 2 mars 2026 à 9 h.</p>}
      </div>

      {pieceEntries.length > 0 && (
        <fieldset className="fr-fieldset" aria-labelledby={`${ids}-pieces`}>
          <legend className="fr-fieldset__legend" id={`${ids}-pieces`}>Pièces jointes au dépôt</legend>
          {pieceEntries.map(([id, piece]) => (
            <div className="fr-fieldset__element" key={id}>
              <div className="fr-checkbox-group">
                <input type="checkbox" id={`${ids}-piece-${id}`} checked={pieces.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />
                <label className="fr-label" htmlFor={`${ids}-piece-${id}`}>
                  {piece.label}
                  <span className="fr-hint-text">Pièce {requirement(piece.required)}.</span>
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      )}

      {rejection && (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h4 className="fr-alert__title">{rejectionTitle(rejection.reason)}</h4>
          <p>{rejection.message}</p>
          {rejection.errors.length > 0 && (
            <ul>{rejection.errors.map((e) => <li key={`${e.pointer}-${e.message}`}>{e.field} : {e.message}</li>)}</ul>
          )}
        </div>
      )}

      <DemarcheForm
        definition={definition}
        data={data}
        onChange={setData}
        onSubmit={(cleaned) => {
          if (!atIso) return;
          onFile({ at: atIso, role: 'usager', data: cleaned, pieces: pieces.filter((p) => definition.pieces?.[p]) });
        }}
        serverErrors={rejection?.errors}
        submitLabel="Déposer"
        headingLevel={3}
        idPrefix="simulateur"
      />
    </section>
  );
}
