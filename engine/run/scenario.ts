import type { Demarche, Scenario, ScenarioExpectation } from '../definition';
import { Simulation } from './simulation';
import type { Effect, Outcome } from './types';

/** A scenario's verdict: where it first went wrong (JSON pointer into the definition) and why, in French. */
export interface ScenarioResult {
  id: string;
  title: string;
  ok: boolean;
  /** One line per step that ran, in French. */
  log: string[];
  failure?: { pointer: string; message: string };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

function matches(effect: Effect, expected: NonNullable<ScenarioExpectation['effects']>[number]): boolean {
  if (effect.type !== expected.type) return false;
  const e = effect as { template?: string; to?: string | string[] };
  if (expected.template !== undefined && e.template !== expected.template) return false;
  if (expected.to !== undefined) {
    const to = Array.isArray(e.to) ? e.to : e.to ? [e.to] : [];
    if (!same(to, expected.to)) return false;
  }
  return true;
}

function describeEffect(e: NonNullable<ScenarioExpectation['effects']>[number]): string {
  return `${e.type}${e.template ? ` « ${e.template} »` : ''}${e.to?.length ? ` à ${e.to.join(', ')}` : ''}`;
}

/** What does not hold of an expectation after a step, or null when all of it does. */
function check(sim: Simulation, expect: ScenarioExpectation | undefined, outcome: Outcome | null, effects: Effect[]): string | null {
  if (!expect) return outcome && !outcome.ok ? `refusé (${outcome.reason}) : ${outcome.message}` : null;
  if (expect.rejected) {
    if (!outcome || outcome.ok) return `devait être refusé (${expect.rejected}), mais a été accepté`;
    if (outcome.reason !== expect.rejected) return `devait être refusé pour « ${expect.rejected} », mais l’a été pour « ${outcome.reason} » : ${outcome.message}`;
  } else if (outcome && !outcome.ok) {
    return `refusé (${outcome.reason}) : ${outcome.message}`;
  }
  if (expect.states && !same(sim.states, expect.states)) {
    return `le dossier devait être à ${expect.states.map((s) => `« ${s} »`).join(', ')}, il est à ${sim.states.map((s) => `« ${s} »`).join(', ')}`;
  }
  if (expect.done !== undefined && sim.done !== expect.done) return expect.done ? 'le dossier devait être clos' : 'le dossier ne devait pas être clos';
  if (expect.outcome !== undefined && sim.last.status.outcome !== expect.outcome) {
    return `l’issue devait être « ${expect.outcome} », elle est « ${sim.last.status.outcome ?? 'aucune'} »`;
  }
  for (const e of expect.effects ?? []) {
    if (!effects.some((x) => matches(x, e))) {
      const produced = effects.map((x) => describeEffect({ type: x.type, template: (x as { template?: string }).template, to: ([] as string[]).concat((x as { to?: string | string[] }).to ?? []) }));
      return `l’effet ${describeEffect(e)} devait être produit ; produits : ${produced.join(' ; ') || 'aucun'}`;
    }
  }
  for (const [name, value] of Object.entries(expect.instruction ?? {})) {
    const actual = sim.snapshot.context.instruction[name];
    if (JSON.stringify(actual) !== JSON.stringify(value)) return `« ${name} » devait valoir ${JSON.stringify(value)}, il vaut ${JSON.stringify(actual)}`;
  }
  return null;
}

/** A sentence ending with one full stop, whatever the engine's message ended with. */
function sentence(text: string): string {
  return `${text.replace(/[.\s]+$/, '')}.`;
}

/** Plays one scenario of a definition (its index gives the JSON pointers of failures). */
export function runScenario(definition: Demarche, scenario: Scenario, index: number): ScenarioResult {
  const base = `/scenarios/${index}`;
  const result = (failure?: { pointer: string; message: string }, log: string[] = []): ScenarioResult =>
    ({ id: scenario.id, title: scenario.title, ok: !failure, log, ...(failure ? { failure } : {}) });
  if (Number.isNaN(Date.parse(scenario.start.at))) return result({ pointer: `${base}/start/at`, message: `« ${scenario.start.at} » n’est pas une date et une heure ISO 8601 (par exemple 2026-03-02T09:00:00Z).` });
  const unknown = (scenario.start.pieces ?? []).findIndex((id) => !definition.pieces?.[id]);
  if (unknown >= 0) return result({ pointer: `${base}/start/pieces/${unknown}`, message: `La pièce « ${scenario.start.pieces![unknown]} » n’existe pas dans la démarche.` });
  const started = Simulation.start(definition, { data: scenario.start.data, role: scenario.start.role ?? 'usager', at: scenario.start.at, pieces: scenario.start.pieces });
  if (!(started instanceof Simulation)) {
    const fields = started.errors.map((e) => `${e.field} : ${e.message}`).join(' ; ');
    return result({ pointer: `${base}/start`, message: `Le dépôt est refusé : ${started.message}${fields ? ` (${fields})` : ''}` });
  }
  const sim = started;
  const log = [`Dépôt le ${sim.now} : ${sim.states.join(', ')}`];
  for (const [i, step] of scenario.steps.entries()) {
    const pointer = `${base}/steps/${i}`;
    const before = sim.effects.length;
    let outcome: Outcome | null = null;
    const kinds = [step.event !== undefined, step.deposit !== undefined, step.advance !== undefined].filter(Boolean).length;
    if (kinds !== 1) return result({ pointer, message: 'Une étape fait une seule chose : « event », « deposit » ou « advance ».' }, log);
    if (step.advance) {
      let fired;
      try {
        fired = sim.advance(step.advance);
      } catch (e) {
        return result({ pointer: `${pointer}/advance`, message: sentence(e instanceof Error ? e.message : String(e)) }, log);
      }
      log.push(`+${step.advance} : ${fired.map((f) => f.history.label).join(', ') || 'rien ne se déclenche'} → ${sim.states.join(', ')}`);
    } else if (step.deposit) {
      outcome = sim.deposit(step.deposit, step.role ?? 'usager');
      log.push(`Dépôt de ${step.deposit.join(', ')} par ${step.role ?? 'usager'} → ${outcome.ok ? sim.states.join(', ') : `refusé (${outcome.reason})`}`);
    } else {
      outcome = sim.send(step.event!, step.payload ?? {}, step.role ?? 'usager');
      log.push(`${step.role ?? 'usager'} : ${step.event} → ${outcome.ok ? sim.states.join(', ') : `refusé (${outcome.reason})`}`);
    }
    const problem = check(sim, step.expect, outcome, sim.effects.slice(before));
    if (problem) return result({ pointer, message: sentence(`Étape ${i + 1} : ${problem}`) }, log);
  }
  const end = check(sim, scenario.expect, null, sim.effects);
  return end ? result({ pointer: `${base}/expect`, message: sentence(`À la fin : ${end}`) }, log) : result(undefined, log);
}

/** Plays every scenario of a definition. */
export function runScenarios(definition: Demarche): ScenarioResult[] {
  return (definition.scenarios ?? []).map((s, i) => runScenario(definition, s, i));
}
