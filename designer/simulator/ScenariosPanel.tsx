import type { Demarche } from '../../engine';

export interface ScenariosPanelProps {
  definition: Demarche;
  /** A new definition after removing or renaming a scenario. */
  onChange: (next: Demarche) => void;
}

/** Placeholder until the scenarios panel lands. */
export function ScenariosPanel(_props: ScenariosPanelProps) {
  return <p>Scénarios en préparation.</p>;
}
