/** Definition -> XState machine, with the catalogues' implementations. */
export { compile, DefinitionError, type CompiledDemarche, type StateTimer, type ActionCall } from './compile';
export { ARM_TIMERS, CANCEL_TIMERS, EFFECT_TYPES } from './catalogue';
