/**
 * The designer's model: pure edits of a démarche definition — the very JSON the engine runs and
 * the linter checks — with undo and redo. The designer's screens only call these.
 */
export { DesignError, edit, isSlug, slugify } from './edit';
export { history, commit, undo, redo, canUndo, canRedo, type History } from './history';
export {
  addState, renameState, deleteState, setStateMeta, setStateType, addTransition, updateTransition, deleteTransition,
  transitionAt, transitionsOf, placeState, type TransitionRef, type TransitionFields,
} from './workflow';
export {
  FIELD_TYPES, addPage, renamePage, removePage, movePage, addField, updateField, removeField, renameField, moveField,
  fieldSpec, fieldKeys, fieldTypeOf, camelKey, type FieldSpec, type FieldType,
} from './form';
export { referencesTo, type Reference } from './references';
export {
  PAYLOAD_FIELD_TYPES, payloadFields, setPayloadFields, setEvent, eventLabel, eventUses, changeTransitionEvent, ensureEvent, dropUnusedEvent,
  isDeclarable, type PayloadField, type PayloadFieldType,
} from './events';
export { resetLayout } from './placement';
