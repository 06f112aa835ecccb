import type { Demarche } from '../../engine';
import { fieldsOf, fromJsonLogic, ruleToJsonLogic, type ConditionField } from '../../ui/forms';
import type { FieldSpec } from '../model';

type ShowWhen = NonNullable<FieldSpec['showWhen']>;

/**
 * The fields that may decide whether another one shows: the form's top-level choices and yes/no
 * questions (the form writes the condition as JSON Schema `if/then`, which tests one value).
 */
export function showWhenFields(definition: Demarche, key: string): ConditionField[] {
  return fieldsOf(definition.form.schema).filter((f) => {
    const name = f.path.slice('data.'.length);
    return f.path.startsWith('data.') && !name.includes('.') && name !== key && (f.kind === 'choice' || f.kind === 'boolean');
  });
}

/** The condition as JSON Logic, for the condition builder. */
export function showWhenToLogic(showWhen: ShowWhen | undefined, fields: readonly ConditionField[]): unknown {
  if (!showWhen) return undefined;
  const path = `data.${showWhen.field}`;
  const rule = typeof showWhen.equals === 'boolean'
    ? { type: 'rule' as const, field: path, op: showWhen.equals ? 'isTrue' as const : 'isFalse' as const }
    : { type: 'rule' as const, field: path, op: 'eq' as const, value: showWhen.equals };
  return ruleToJsonLogic(rule, fields);
}

/**
 * The builder's JSON Logic as the form can hold it: one test « est égal à » of a choice, or « est
 * coché / n’est pas coché » of a yes/no. Anything more is refused with the reason, in French.
 */
export function logicToShowWhen(logic: unknown, fields: readonly ConditionField[]): { showWhen?: ShowWhen; problem?: string } {
  if (logic === undefined || logic === null || logic === true) return {};
  const condition = fromJsonLogic(logic, fields);
  const only = condition.type === 'when' && condition.items.length === 1 ? condition.items[0] : undefined;
  const refused = { problem: 'L’affichage d’un champ ne dépend que d’une seule condition : « est égal à » sur un choix, ou oui / non.' };
  if (!only || only.type !== 'rule') return refused;
  const field = only.field.slice('data.'.length);
  if (only.op === 'isTrue') return { showWhen: { field, equals: true } };
  if (only.op === 'isFalse') return { showWhen: { field, equals: false } };
  if (only.op === 'eq' && typeof only.value === 'string') return { showWhen: { field, equals: only.value } };
  return refused;
}
