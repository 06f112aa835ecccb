/**
 * Engine benchmark: a stateless server's work per event, measured against raw XState doing the
 * same restore / send / serialise loop with no engine around it, in the same run.
 *
 *   npm run bench:engine
 *
 * Also measures lint + compile of a 200-state definition. Results go in bench/BENCHMARKS.md.
 */
import { createActor, type AnyStateMachine } from 'xstate';
import { DEMARCHES } from '../definitions';
import { apply, compile, lint, start, type Demarche, type DossierSnapshot, type PieceRef } from '../engine';
import { syntheticDemarche } from './syntheticDemarche';

const demarche: Demarche = DEMARCHES['passeport-urgence'];
const DOSSIERS = Number(process.env.DOSSIERS ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const T0 = Date.parse('2026-06-01T08:00:00.000Z');
const data = {
  numeroPreDemande: 'AB12CD34EF',
  titulaire: { nom: 'Martin', prenoms: 'Claire Anne', dateNaissance: '1985-04-12', communeNaissance: 'Lyon', paysNaissance: 'France' },
  mineur: false,
  urgence: { motif: 'professionnelle', explication: 'Mission imprévue chez un client à Montréal, ordre de mission joint.' },
  voyage: { dateDepart: '2026-06-20', destination: 'Canada' },
  contact: { telephone: '06 12 34 56 78', courriel: 'claire.martin@exemple.fr' },
  adresse: { voie: '12 rue des Lilas', codePostal: '69003', commune: 'Lyon' },
  possedeAncienPasseport: true,
  ancienPasseport: { numero: '15AB12345', dateDelivrance: '2015-03-02' },
};
const pieces: Record<string, PieceRef[]> = Object.fromEntries(
  ['justificatif_urgence', 'photo_identite', 'timbre_fiscal', 'justificatif_domicile', 'ancien_passeport']
    .map((id) => [id, [{ id: `${id}-0`, name: `${id}.pdf`, at: new Date(T0).toISOString() }]]),
);

/** Every step of an urgent passport, from validation to hand-over, with who sends it. */
const STEPS: { type: string; payload: Record<string, unknown>; roles: string[] }[] = [
  { type: 'valider_urgence', payload: {}, roles: ['responsable'] },
  { type: 'fixer_rendez_vous', payload: { date: '2026-06-04', heure: '09:30', lieu: 'hotel-de-ville' }, roles: ['accueil'] },
  { type: 'enregistrer_recueil', payload: {}, roles: ['agent'] },
  { type: 'produire_titre', payload: { numeroPasseport: '26CX48213' }, roles: ['systeme'] },
  { type: 'receptionner_titre', payload: {}, roles: ['agent'] },
  { type: 'remettre_titre', payload: {}, roles: ['agent'] },
];
const EVENTS_PER_DOSSIER = STEPS.length;
const at = (step: number) => new Date(T0 + (step + 1) * 3_600_000).toISOString();

/** Guichet: JSON in, apply, JSON out — as the runtime does for each HTTP request. */
function runEngine(): number {
  let events = 0;
  for (let d = 0; d < DOSSIERS; d++) {
    const first = start(demarche, { data, pieces, actor: { id: 'u', roles: ['usager'] }, now: new Date(T0).toISOString() });
    if (!first.ok) throw new Error(first.message);
    let stored = JSON.stringify(first.snapshot);
    STEPS.forEach((step, i) => {
      const outcome = apply(demarche, JSON.parse(stored) as DossierSnapshot, step, { actor: { id: 'a', roles: step.roles }, now: at(i) });
      if (!outcome.ok) throw new Error(`${step.type}: ${outcome.message}`);
      stored = JSON.stringify(outcome.snapshot);
      events++;
    });
  }
  return events;
}

/** Raw XState on the very same machine: restore an actor from JSON, send, persist, serialise. */
function runRawXState(machine: AnyStateMachine): number {
  let events = 0;
  for (let d = 0; d < DOSSIERS; d++) {
    const actor = createActor(machine, { input: { data, pieces, role: 'usager', actorId: 'u', now: new Date(T0).toISOString() } }).start();
    let stored = JSON.stringify(actor.getPersistedSnapshot());
    actor.stop();
    STEPS.forEach((step, i) => {
      const restored = createActor(machine, { snapshot: JSON.parse(stored) }).start();
      restored.send({ type: step.type, payload: step.payload, role: step.roles[0], actorId: 'a', now: at(i) });
      stored = JSON.stringify(restored.getPersistedSnapshot());
      restored.stop();
      events++;
    });
    if (!stored.includes('"remis"')) throw new Error('raw XState did not reach the final state');
  }
  return events;
}

function measure(fn: () => number): number {
  const t0 = performance.now();
  const events = fn();
  return events / ((performance.now() - t0) / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  const machine = compile(demarche).machine;
  // Warm-up: JIT, caches (compiled machine, ajv validators).
  runEngine();
  runRawXState(machine);
  const engine: number[] = [];
  const raw: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    engine.push(measure(runEngine));
    raw.push(measure(() => runRawXState(machine)));
  }
  const e = median(engine);
  const x = median(raw);

  const lintCompile: number[] = [];
  const states = (() => { const d = syntheticDemarche(); return JSON.stringify(d).match(/"meta"/g)!.length; })();
  for (let r = 0; r < 21; r++) {
    const fresh = syntheticDemarche();
    const t0 = performance.now();
    const problems = lint(fresh);
    compile(fresh);
    lintCompile.push(performance.now() - t0);
    if (problems.some((p) => p.severity === 'error')) throw new Error(problems[0].message);
  }

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`Passeport d’urgence: ${DOSSIERS} dossiers × ${EVENTS_PER_DOSSIER} events per round, median of ${ROUNDS} rounds`);
  console.log('');
  console.log('| loop | events/s |');
  console.log('|---|---|');
  console.log(`| Guichet engine (JSON → apply → JSON) | ${fmt(e)} |`);
  console.log(`| raw XState (JSON → actor → send → JSON) | ${fmt(x)} |`);
  console.log(`| ratio engine / raw XState | ${(e / x).toFixed(2)} |`);
  console.log('');
  console.log(`lint + compile of a ${states}-state definition: median ${median(lintCompile).toFixed(1)} ms (21 runs)`);
}

main();
