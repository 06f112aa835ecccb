/**
 * The condition builder: edits a JSON Logic condition over a démarche's form fields without
 * writing JSON (routing rules, workflow guards). The pure functions (fieldsOf, toJsonLogic,
 * fromJsonLogic, describeCondition) have no React in them.
 */
export { ConditionBuilder, conditionStatus, type ConditionBuilderProps, type ConditionStatus } from './ConditionBuilder';
export { fieldsOf, fieldName, type ConditionField, type ChoiceOption, type FieldKind, type FieldsOfOptions } from './fields';
export { toJsonLogic, fromJsonLogic, ruleToJsonLogic, sameJson, type ToJsonLogicOptions } from './jsonLogic';
export { describeCondition, describeRule, describeLogic, frenchDay } from './describe';
export {
  OPERATORS, operatorsFor, valueShape, ruleProblems, conditionProblems, isComplete, newRule,
  type Condition, type ConditionItem, type ConditionRule, type ConditionGroup, type RawCondition, type Join, type OperatorId, type OperatorInfo,
} from './model';
