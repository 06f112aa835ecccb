import { type Demarche, type Playback } from '../../engine';
import { formatDateTime } from '../../ui/forms';
import { durationText, rejectionTitle, roleLabel, stateLabel } from './logic';

const statesText = (definition: Demarche, states: string[]) => states.map((s) => `« ${stateLabel(definition, s)} »`).join(' et ');

const effectsText = (n: number) => (n === 0 ? '' : n === 1 ? ' Un effet produit.' : ` ${n} effets produits.`);

/** What the last thing done led to, said once (a live region), a refusal as an alert with the engine's French reasons. */
export function LastStep({ definition, playback }: { definition: Demarche; playback: Playback }) {
  const last = playback.steps.at(-1);
  if (!last) {
    return (
      <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
        <p>Dossier déposé le {formatDateTime(playback.start.at)} : il est à l’étape {statesText(definition, playback.simulation.states)}.{effectsText(playback.simulation.effects.length)}</p>
      </div>
    );
  }
  if (last.step.advance !== undefined) {
    const fired = last.fired.map((f) => f.history.label);
    return (
      <div className="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" role="status">
        <p>
          Le temps a avancé de {durationText(last.step.advance)}, jusqu’au {formatDateTime(last.at)} :{' '}
          {fired.length === 0 ? 'rien ne s’est déclenché.' : `${fired.join(', ')}.`}
          {fired.length > 0 && ` Le dossier est à l’étape ${statesText(definition, last.states)}.`}{effectsText(last.effects.length)}
        </p>
      </div>
    );
  }
  const role = roleLabel(definition, last.step.role ?? 'usager');
  if (last.outcome && !last.outcome.ok) {
    return (
      <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
        <h3 className="fr-alert__title">{rejectionTitle(last.outcome.reason)}</h3>
        <p>Le moteur refuse l’action de « {role} » : {last.outcome.message}</p>
        {last.outcome.errors.length > 0 && <ul>{last.outcome.errors.map((e) => <li key={`${e.pointer}-${e.message}`}>{e.field} : {e.message}</li>)}</ul>}
      </div>
    );
  }
  const label = last.outcome?.ok ? last.outcome.history.label : '';
  return (
    <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
      <p>« {label} » par « {role} » : le dossier est {playback.simulation.done ? 'clos, à' : 'maintenant à'} l’étape {statesText(definition, last.states)}.{effectsText(last.effects.length)}</p>
    </div>
  );
}
