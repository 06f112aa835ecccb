import type { Demarche, Scenario } from '../../engine';

export interface SimulatorProps {
  definition: Demarche;
  /** Keeps the simulation just run as a scenario of the definition. */
  onSaveScenario: (scenario: Scenario) => void;
}

/** Placeholder until the simulator lands. */
export function Simulator(_props: SimulatorProps) {
  return <p>Simulateur en préparation.</p>;
}
