import { useMachine } from '@xstate/react';
import { useMemo, useState } from 'react';
import { describe, playSimulation, type Demarche, type Playback, type Rejection, type Scenario, type ScenarioStep } from '../../engine';
import { DossierSituation } from './DossierSituation';
import { FilingForm } from './FilingForm';
import { Journal } from './Journal';
import { LastStep } from './LastStep';
import { RoleActions } from './RoleActions';
import { SaveScenario } from './SaveScenario';
import { TimeControls } from './TimeControls';
import { actingRoles, simulatorMachine } from './logic';
import './simulator.css';

export interface SimulatorProps {
  definition: Demarche;
  /** Keeps the simulation just run as a scenario of the definition. */
  onSaveScenario: (scenario: Scenario) => void;
}

type Played = { playback: Playback } | { rejection: Rejection } | { error: string };

/** Runs the engine on what was done; a draft the engine cannot run (a broken reference) says so rather than crash the page. */
function play(definition: Demarche, start: Scenario['start'], steps: readonly ScenarioStep[]): Played {
  try {
    const result = playSimulation(definition, start, steps);
    return 'simulation' in result ? { playback: result } : { rejection: result };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** The role that should act now: one the current steps expect, else the citizen. */
function expectedRole(definition: Demarche, playback: Playback): string {
  const roles = actingRoles(definition);
  const status = playback.simulation.last.status;
  const expected = status.states.flatMap((s) => s.roles).find((r) => roles.includes(r));
  return expected ?? (roles.includes('usager') ? 'usager' : roles[0] ?? 'usager');
}

/**
 * The draft run in the browser by the engine itself: the citizen files, each role acts, time moves
 * and fires timers, and every effect is listed. The session (XState, through @xstate/react) keeps
 * only what the user did; the dossier is replayed from it, so it follows each edit of the draft.
 */
export function Simulator({ definition, onSaveScenario }: SimulatorProps) {
  const [session, send] = useMachine(simulatorMachine);
  const { start, steps } = session.context;
  const filing = session.matches('depot');
  const [refused, setRefused] = useState<Rejection | null>(null);
  const [engineError, setEngineError] = useState<string | null>(null);
  const [chosenRole, setChosenRole] = useState<string | null>(null);

  const played = useMemo(() => (!filing && start ? play(definition, start, steps) : null), [definition, filing, start, steps]);
  const playback = played && 'playback' in played ? played.playback : null;
  const status = useMemo(() => (playback ? describe(definition, playback.simulation.snapshot, playback.simulation.now) : null), [definition, playback]);

  const file = (next: Scenario['start']) => {
    const attempt = play(definition, next, []);
    setEngineError('error' in attempt ? attempt.error : null);
    setRefused('rejection' in attempt ? attempt.rejection : null);
    if ('playback' in attempt) {
      setChosenRole(null);
      send({ type: 'deposer', start: next });
    }
  };

  const restart = () => {
    setRefused(null);
    setEngineError(null);
    setChosenRole(null);
    send({ type: 'recommencer' });
  };

  // When the dossier moves on, the role its new steps expect acts next (unless the user picks another).
  const statesKey = playback?.simulation.states.join('|') ?? '';
  const [seenStates, setSeenStates] = useState(statesKey);
  if (statesKey !== seenStates) {
    setSeenStates(statesKey);
    setChosenRole(null);
  }

  const role = playback && chosenRole && actingRoles(definition).includes(chosenRole) ? chosenRole : playback ? expectedRole(definition, playback) : 'usager';

  return (
    <section className="guichet-simulator" aria-labelledby="simulateur-titre">
      <h2 id="simulateur-titre">Simulateur</h2>
      <p>
        Le brouillon est exécuté ici par le moteur de Guichet, comme il le serait sur le serveur : rien n’est enregistré ni envoyé.
      </p>

      {engineError && (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h3 className="fr-alert__title">Le moteur ne peut pas exécuter ce brouillon</h3>
          <p>{engineError} Corrigez les problèmes signalés par la vérification, puis réessayez.</p>
        </div>
      )}

      {filing || !played ? (
        <FilingForm definition={definition} initial={start} rejection={refused} onFile={file} />
      ) : 'error' in played ? (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h3 className="fr-alert__title">Le moteur ne peut plus exécuter ce dossier</h3>
          <p>{played.error}</p>
          <button type="button" className="fr-btn fr-btn--secondary fr-mt-2w" onClick={restart}>Recommencer</button>
        </div>
      ) : 'rejection' in played ? (
        <div className="fr-alert fr-alert--error fr-mb-3w" role="alert">
          <h3 className="fr-alert__title">Le dépôt n’est plus accepté par le brouillon modifié</h3>
          <p>{played.rejection.message}</p>
          <ul>{played.rejection.errors.map((e) => <li key={`${e.pointer}-${e.message}`}>{e.field} : {e.message}</li>)}</ul>
          <button type="button" className="fr-btn fr-btn--secondary fr-mt-2w" onClick={restart}>Modifier le dépôt</button>
        </div>
      ) : playback && status && (
        <>
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--right">
            <li>
              <button type="button" className="fr-btn fr-btn--tertiary" disabled={steps.length === 0} onClick={() => send({ type: 'annuler' })}>
                Annuler la dernière étape
              </button>
            </li>
            <li>
              <button type="button" className="fr-btn fr-btn--secondary" onClick={restart}>Recommencer</button>
            </li>
          </ul>
          <LastStep definition={definition} playback={playback} />
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-lg-6">
              <DossierSituation
                definition={definition}
                status={status}
                now={playback.simulation.now}
                timers={[...playback.simulation.timers.values()]}
                pieces={Object.keys(playback.simulation.snapshot.context.pieces).filter((p) => playback.simulation.snapshot.context.pieces[p].length > 0)}
              />
            </div>
            <div className="fr-col-12 fr-col-lg-6">
              <RoleActions
                definition={definition}
                simulation={playback.simulation}
                role={role}
                onRoleChange={setChosenRole}
                onStep={(step) => send({ type: 'agir', step })}
              />
              <TimeControls
                definition={definition}
                now={playback.simulation.now}
                timers={[...playback.simulation.timers.values()]}
                done={playback.simulation.done}
                onStep={(step) => send({ type: 'agir', step })}
              />
            </div>
          </div>
          <Journal definition={definition} playback={playback} />
          <SaveScenario definition={definition} playback={playback} onSave={onSaveScenario} />
        </>
      )}
    </section>
  );
}
