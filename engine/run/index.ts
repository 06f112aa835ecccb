/** Running dossiers: one transition at a time, as data in, data out. */
export { start } from './start';
export { apply } from './apply';
export { available } from './available';
export { describe } from './describe';
export { Simulation } from './simulation';
export { runScenario, runScenarios, type ScenarioResult } from './scenario';
export { playSimulation, recordScenario, durationBetween, type Playback, type PlayedStep } from './recording';
export type * from './types';
