/** The démarche format: its types, its catalogues, its linter and its validators. */
export type * from './demarche.generated';
export type { RoutingTable, Rule as RoutingRule, Assignment, Priority } from './routing.generated';
export { ACTIONS, GUARDS, DEADLINE_ACTIONS, type CatalogueEntry, type CatalogueKind } from './catalogue';
export { lint, lintRouting, isSound, type LintOptions } from './lint';
export type { Problem, ProblemRule } from './problem';
export { duplicateKeys } from './duplicateKeys';
export { SYSTEM_ROLE, PIECES_EVENT, deadlineEvent, timerEvent, parseReservedEvent, type ReservedEvent, type DeadlineSignal } from './reserved';
export { stateGraph, resolveTarget, ancestry, leaves, leafPaths, escapePointer, type StateGraph, type StateNodeInfo, type TransitionInfo, type Trigger } from './stateGraph';
export { jsonSyntaxError } from './jsonSyntax';
export { routingEvents } from './routingEvents';
export {
  validateData, validatorFor, fieldErrors, frenchMessage, choicesOf, looksLikeFormatHint, asHint, PATTERN_MESSAGE, newAjv, type FieldError,
} from './validation';
export { resolveVar, type ScopeShape } from './scopeShape';
export { diffDefinitions, NAMED_PARTS, type DefinitionDiff, type NamedPart, type StateRef, type StateChange, type TransitionRef, type TransitionChange, type FieldRef, type FieldChange, type KeyedChanges } from './diff';
