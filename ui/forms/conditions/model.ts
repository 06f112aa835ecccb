/**
 * A condition as the builder edits it: a list of rules (and one level of groups) joined by ET/OU,
 * or « toujours ». Pure: no React, no DOM.
 */
import type { ConditionField, FieldKind } from './fields';

export type Join = 'and' | 'or';

/** Every operator the builder offers; which ones a field gets depends on its kind. */
export type OperatorId =
  | 'eq' | 'neq' | 'startsWith' | 'contains' | 'inList'
  | 'lt' | 'lte' | 'gt' | 'gte' | 'between'
  | 'before' | 'after' | 'withinDays' | 'beyondDays' | 'ageAtLeast' | 'ageUnder'
  | 'isTrue' | 'isFalse'
  | 'includes' | 'excludes' | 'includesAny'
  | 'set' | 'unset';

/**
 * One test on one field. `value` depends on the operator: a string, number or option value;
 * a list (inList, includesAny); `[min, max]` (between); a `YYYY-MM-DD` day (before, after);
 * a whole number of days or years (withinDays, beyondDays, ageAtLeast, ageUnder); nothing
 * (isTrue, isFalse, set, unset). `key` is for the interface only and never reaches JSON Logic.
 */
export interface ConditionRule {
  type: 'rule';
  field: string;
  op: OperatorId | '';
  value?: unknown;
  key?: string;
}

/** A piece of JSON Logic the builder cannot show as a rule: kept as it is, read-only. */
export interface RawCondition {
  type: 'raw';
  logic: unknown;
  key?: string;
}

/** Rules joined by their own ET/OU, inside the main list. */
export interface ConditionGroup {
  type: 'group';
  join: Join;
  items: (ConditionRule | RawCondition)[];
  key?: string;
}

export type ConditionItem = ConditionRule | ConditionGroup | RawCondition;

/** « toujours » (JSON Logic `true`), or items joined by ET/OU. */
export type Condition =
  | { type: 'always' }
  | { type: 'when'; join: Join; items: ConditionItem[] };

export interface OperatorInfo {
  id: OperatorId;
  /** As the operator list shows it. */
  label: string;
}

const SET: OperatorInfo = { id: 'set', label: 'est renseigné' };
const UNSET: OperatorInfo = { id: 'unset', label: 'n’est pas renseigné' };

/** The operators of each kind of field, in the order offered; the first is the default. */
export const OPERATORS: Record<FieldKind, OperatorInfo[]> = {
  text: [
    { id: 'eq', label: 'est égal à' },
    { id: 'neq', label: 'est différent de' },
    { id: 'startsWith', label: 'commence par' },
    { id: 'contains', label: 'contient' },
    { id: 'inList', label: 'fait partie de la liste' },
    SET, UNSET,
  ],
  number: [
    { id: 'eq', label: '= (égal à)' },
    { id: 'neq', label: '≠ (différent de)' },
    { id: 'lt', label: '< (inférieur à)' },
    { id: 'lte', label: '≤ (inférieur ou égal à)' },
    { id: 'gt', label: '> (supérieur à)' },
    { id: 'gte', label: '≥ (supérieur ou égal à)' },
    { id: 'between', label: 'entre' },
    SET, UNSET,
  ],
  date: [
    { id: 'before', label: 'avant le' },
    { id: 'after', label: 'après le' },
    { id: 'withinDays', label: 'dans les N jours' },
    { id: 'beyondDays', label: 'dans plus de N jours' },
    { id: 'ageAtLeast', label: 'âge d’au moins N ans' },
    { id: 'ageUnder', label: 'âge de moins de N ans' },
    SET, UNSET,
  ],
  boolean: [
    { id: 'isTrue', label: 'est oui' },
    { id: 'isFalse', label: 'est non' },
    SET, UNSET,
  ],
  choice: [
    { id: 'eq', label: 'est' },
    { id: 'neq', label: 'n’est pas' },
    { id: 'inList', label: 'parmi' },
    SET, UNSET,
  ],
  multiple: [
    { id: 'includes', label: 'comprend' },
    { id: 'excludes', label: 'ne comprend pas' },
    { id: 'includesAny', label: 'comprend au moins un de' },
    { id: 'set', label: 'a au moins une case cochée' },
    { id: 'unset', label: 'n’a aucune case cochée' },
  ],
};

/** The operators offered for a field: the age ones only for a birth date (others are read back all the same). */
export function operatorsFor(field: ConditionField | undefined): OperatorInfo[] {
  if (!field) return [];
  const all = OPERATORS[field.kind];
  return field.kind === 'date' && !field.birthDate ? all.filter((o) => o.id !== 'ageAtLeast' && o.id !== 'ageUnder') : all;
}

/** What kind of value an operator takes, for the value control and the checks. */
export type ValueShape = 'none' | 'scalar' | 'list' | 'range' | 'day' | 'count';

export function valueShape(op: OperatorId | ''): ValueShape {
  switch (op) {
    case 'isTrue': case 'isFalse': case 'set': case 'unset': case '': return 'none';
    case 'inList': case 'includesAny': return 'list';
    case 'between': return 'range';
    case 'before': case 'after': return 'day';
    case 'withinDays': case 'beyondDays': case 'ageAtLeast': case 'ageUnder': return 'count';
    default: return 'scalar';
  }
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isDay(v: unknown): v is string {
  return typeof v === 'string' && DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Which part of a rule a problem is about, for the control to mark. */
export type RulePart = 'field' | 'op' | 'value';

export interface RuleProblem {
  part: RulePart;
  message: string;
}

/** What is missing or wrong in a rule, in French (empty when the rule is complete). */
export function ruleProblems(rule: ConditionRule, fields: readonly ConditionField[]): RuleProblem[] {
  const field = fields.find((f) => f.path === rule.field);
  if (!field) return [{ part: 'field', message: rule.field ? `Le champ « ${rule.field} » n’existe pas dans le formulaire : choisissez-en un autre.` : 'Choisissez le champ à tester.' }];
  if (!rule.op) return [{ part: 'op', message: 'Choisissez comment tester le champ.' }];
  if (!OPERATORS[field.kind].some((o) => o.id === rule.op)) return [{ part: 'op', message: 'Ce test ne s’applique pas à ce champ : choisissez-en un autre.' }];
  const v = rule.value;
  const problem = (message: string): RuleProblem[] => [{ part: 'value', message }];
  switch (valueShape(rule.op)) {
    case 'none':
      return [];
    case 'list':
      return Array.isArray(v) && v.length > 0 ? [] : problem(field.options ? 'Cochez au moins une valeur.' : 'Indiquez au moins une valeur (séparez-les par des virgules).');
    case 'range':
      if (!Array.isArray(v) || !isNumber(v[0]) || !isNumber(v[1])) return problem('Indiquez le minimum et le maximum.');
      return v[0] <= v[1] ? [] : problem('Le minimum doit être inférieur ou égal au maximum.');
    case 'day':
      return isDay(v) ? [] : problem('Indiquez une date (jour, mois, année).');
    case 'count':
      return isNumber(v) && Number.isInteger(v) && v >= 0 ? [] : problem(rule.op === 'ageAtLeast' || rule.op === 'ageUnder' ? 'Indiquez un âge en années (nombre entier).' : 'Indiquez un nombre de jours (nombre entier).');
    case 'scalar':
      if (field.kind === 'number') {
        if (!isNumber(v)) return problem('Indiquez un nombre.');
        return field.integer && !Number.isInteger(v) ? problem('Indiquez un nombre entier.') : [];
      }
      if (field.options) return field.options.some((o) => o.value === v) || (v !== undefined && v !== '') ? [] : problem('Choisissez une valeur.');
      return typeof v === 'string' && v !== '' ? [] : problem('Indiquez une valeur.');
  }
}

/** A rule with everything it needs. */
export function isComplete(rule: ConditionRule, fields: readonly ConditionField[]): boolean {
  return ruleProblems(rule, fields).length === 0;
}

/**
 * What keeps a condition from being saved, in French, with the number of the rule
 * (« Condition 2 : choisissez le champ à tester. », « Condition 3.1 : … »).
 */
export function conditionProblems(condition: Condition, fields: readonly ConditionField[]): string[] {
  if (condition.type === 'always') return [];
  if (condition.items.length === 0) return ['Ajoutez au moins une condition, ou choisissez « toujours ».'];
  const out: string[] = [];
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  condition.items.forEach((item, i) => {
    if (item.type === 'rule') ruleProblems(item, fields).forEach((p) => out.push(`Condition ${i + 1} : ${lower(p.message)}`));
    if (item.type === 'group') {
      if (item.items.length === 0) out.push(`Groupe ${i + 1} : ajoutez au moins une condition au groupe, ou supprimez-le.`);
      item.items.forEach((sub, j) => {
        if (sub.type === 'rule') ruleProblems(sub, fields).forEach((p) => out.push(`Condition ${i + 1}.${j + 1} : ${lower(p.message)}`));
      });
    }
  });
  return out;
}

/** A new rule on a field, with its default operator. */
export function newRule(field?: ConditionField): ConditionRule {
  return { type: 'rule', field: field?.path ?? '', op: field ? operatorsFor(field)[0].id : '' };
}
