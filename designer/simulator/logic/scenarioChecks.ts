import { runScenario, type Demarche, type Scenario, type ScenarioResult } from '../../../engine';

/**
 * Plays every scenario of a draft. A draft being edited may be one the engine cannot compile (a
 * transition to a state just deleted): that scenario then fails with the reason, instead of the
 * panel failing.
 */
export function checkScenarios(definition: Demarche): ScenarioResult[] {
  return (definition.scenarios ?? []).map((scenario, index) => {
    try {
      return runScenario(definition, scenario, index);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return {
        id: scenario.id,
        title: scenario.title,
        ok: false,
        log: [],
        failure: { pointer: `/scenarios/${index}`, message: `Le moteur n’a pas pu jouer ce scénario : ${reason}` },
      };
    }
  });
}

/** The definition without the scenario at `index`. */
export function withoutScenario(definition: Demarche, index: number): Demarche {
  const scenarios = (definition.scenarios ?? []).filter((_, i) => i !== index);
  return { ...definition, scenarios };
}

/** The definition with the scenario at `index` renamed (its id, which other tools may cite, stays). */
export function withScenarioTitle(definition: Demarche, index: number, title: string): Demarche {
  const scenarios = (definition.scenarios ?? []).map((s, i): Scenario => (i === index ? { ...s, title } : s));
  return { ...definition, scenarios };
}

/** The definition with one more scenario, kept after those it has. */
export function withScenario(definition: Demarche, scenario: Scenario): Demarche {
  return { ...definition, scenarios: [...(definition.scenarios ?? []), scenario] };
}
