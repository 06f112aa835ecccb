/** The simulator's pure parts: its session, its French, its clock, and the scenarios' checks and edits. */
export { simulatorMachine, isPlayableStep, type SessionContext, type SessionEvent } from './session';
export {
  roleLabel, actingRoles, stateLabel, eventLabel, effectText, effectKind, rejectionTitle, lengthText, remainingText, durationText,
  DURATION_UNITS, isoDuration, scenarioId, type DurationUnit,
} from './words';
export { parisInput, fromParisInput, morningOf } from './clock';
export { filingEffects, producedEffects, type ProducedEffect } from './effects';
export { checkScenarios, withScenario, withoutScenario, withScenarioTitle } from './scenarioChecks';
