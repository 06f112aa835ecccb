/**
 * A condition to JSON Logic and back. `fromJsonLogic` reads exactly what `toJsonLogic` writes;
 * anything else is kept as a read-only piece (`RawCondition`) so that nothing is ever lost:
 * every piece read as a rule is checked by writing it again and comparing. Pure.
 */
import type { ConditionField } from './fields';
import { isComplete as complete, isDay, type Condition, type ConditionGroup, type ConditionItem, type ConditionRule, type Join, type RawCondition } from './model';

const NOW = { var: 'now' };

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameJson(x, bb[i]));
  }
  const ao = a as Record<string, unknown>, bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => k in bo && sameJson(ao[k], bo[k]));
}

/** The JSON Logic of one complete rule (an incomplete one gives `undefined`). */
export function ruleToJsonLogic(rule: ConditionRule, fields: readonly ConditionField[]): unknown {
  const field = fields.find((f) => f.path === rule.field);
  if (!field || !rule.op) return undefined;
  const v = { var: field.path };
  const value = rule.value;
  switch (rule.op) {
    case 'eq': return { '==': [v, value] };
    case 'neq': return { '!=': [v, value] };
    case 'startsWith': return { '==': [{ substr: [v, 0, String(value).length] }, value] };
    case 'contains': return { in: [value, v] };
    case 'inList': return { in: [v, value] };
    case 'lt': return { '<': [v, value] };
    case 'lte': return { '<=': [v, value] };
    case 'gt': return { '>': [v, value] };
    case 'gte': return { '>=': [v, value] };
    case 'between': {
      const [min, max] = value as [number, number];
      return { '<=': [min, v, max] };
    }
    case 'before': return { '<': [v, value] };
    case 'after': return { '>': [v, value] };
    case 'withinDays': return { '<=': [{ days_until: [v, NOW] }, value] };
    case 'beyondDays': return { '>': [{ days_until: [v, NOW] }, value] };
    case 'ageAtLeast': return { '>=': [{ age_years: [v, NOW] }, value] };
    case 'ageUnder': return { '<': [{ age_years: [v, NOW] }, value] };
    case 'isTrue': return { '==': [v, true] };
    case 'isFalse': return { '==': [v, false] };
    case 'includes': return { in: [value, v] };
    case 'excludes': return { '!': [{ in: [value, v] }] };
    case 'includesAny': return { some: [v, { in: [{ var: '' }, value] }] };
    // A multiple choice is « renseigné » when at least one box is ticked (an empty list is false in JSON Logic).
    case 'set': return field.kind === 'multiple' ? { '!!': [v] } : { '!': [{ missing: [field.path] }] };
    case 'unset': return field.kind === 'multiple' ? { '!': [v] } : { missing: [field.path] };
  }
}

export interface ToJsonLogicOptions {
  /** Leave out the rules that are not complete yet (the builder's running value) instead of throwing. */
  skipIncomplete?: boolean;
}

function join(join: Join, parts: unknown[]): unknown {
  return parts.length === 1 ? parts[0] : { [join]: parts };
}

/**
 * The JSON Logic of a condition: `true` for « toujours », a single rule alone, several joined by
 * `and`/`or`, groups nested once. Throws on an incomplete rule unless `skipIncomplete`.
 */
export function toJsonLogic(condition: Condition, fields: readonly ConditionField[], options: ToJsonLogicOptions = {}): unknown {
  if (condition.type === 'always') return true;
  const one = (item: ConditionRule | RawCondition): unknown[] => {
    if (item.type === 'raw') return [item.logic];
    const logic = ruleToJsonLogic(item, fields);
    if (logic === undefined || !complete(item, fields)) {
      if (options.skipIncomplete) return [];
      throw new Error(`Condition incomplète sur « ${item.field || '?'} ».`);
    }
    return [logic];
  };
  const parts = condition.items.flatMap((item): unknown[] => {
    if (item.type !== 'group') return one(item);
    const inner = item.items.flatMap(one);
    if (inner.length === 0 && options.skipIncomplete && item.items.length > 0) return [];
    return [join(item.join, inner)];
  });
  if (parts.length === 0 && options.skipIncomplete && condition.items.length > 0) return { [condition.join]: [] };
  return join(condition.join, parts);
}

// ---------------------------------------------------------------------------------------------
// Reading back
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{"op": args}` → [op, args as a list], or null when it is not a one-operation object. */
function operation(logic: unknown): [string, unknown[]] | null {
  if (!isObject(logic)) return null;
  const keys = Object.keys(logic);
  if (keys.length !== 1) return null;
  const raw = logic[keys[0]];
  return [keys[0], Array.isArray(raw) ? raw : [raw]];
}

/** The field a `{"var": "data.x"}` names, among those the builder knows. */
function varField(logic: unknown, fields: readonly ConditionField[]): ConditionField | undefined {
  if (!isObject(logic) || Object.keys(logic).length !== 1 || typeof logic.var !== 'string') return undefined;
  return fields.find((f) => f.path === logic.var);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => isNumber(v) && Number.isInteger(v) && v >= 0;
const isPrimitive = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

/** A date function of a field and `now`: `{"days_until": [{"var": "data.d"}, {"var": "now"}]}`. */
function dateFunction(logic: unknown, fn: string, fields: readonly ConditionField[]): ConditionField | undefined {
  const op = operation(logic);
  if (!op || op[0] !== fn || op[1].length !== 2 || !sameJson(op[1][1], NOW)) return undefined;
  const field = varField(op[1][0], fields);
  return field?.kind === 'date' ? field : undefined;
}

/** A rule's candidate reading of a JSON Logic piece (checked afterwards by writing it again). */
function guessRule(logic: unknown, fields: readonly ConditionField[]): ConditionRule | undefined {
  const op = operation(logic);
  if (!op) return undefined;
  const [name, args] = op;
  const rule = (field: ConditionField, id: ConditionRule['op'], value?: unknown): ConditionRule =>
    (value === undefined ? { type: 'rule', field: field.path, op: id } : { type: 'rule', field: field.path, op: id, value });
  const [a, b, c] = args;
  const fa = varField(a, fields);

  switch (name) {
    case '==': case '!=': {
      if (args.length !== 2) return undefined;
      // startsWith: {"==": [{"substr": [var, 0, n]}, "prefix"]}
      const sub = operation(a);
      if (name === '==' && sub && sub[0] === 'substr') {
        const f = varField(sub[1][0], fields);
        return f?.kind === 'text' && typeof b === 'string' ? rule(f, 'startsWith', b) : undefined;
      }
      if (!fa || !isPrimitive(b)) return undefined;
      if (fa.kind === 'boolean') return name === '==' && typeof b === 'boolean' ? rule(fa, b ? 'isTrue' : 'isFalse') : undefined;
      if (fa.kind === 'text' && typeof b !== 'string') return undefined;
      if (fa.kind === 'number' && !isNumber(b)) return undefined;
      if (fa.kind === 'date' || fa.kind === 'multiple') return undefined;
      return rule(fa, name === '==' ? 'eq' : 'neq', b);
    }
    case '<': case '<=': case '>': case '>=': {
      if (args.length === 3) {
        const f = varField(b, fields);
        return name === '<=' && f?.kind === 'number' && isNumber(a) && isNumber(c) ? rule(f, 'between', [a, c]) : undefined;
      }
      if (args.length !== 2) return undefined;
      if (fa?.kind === 'number' && isNumber(b)) return rule(fa, ({ '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' } as const)[name], b);
      if (fa?.kind === 'date' && isDay(b) && (name === '<' || name === '>')) return rule(fa, name === '<' ? 'before' : 'after', b);
      if (!isCount(b)) return undefined;
      const days = dateFunction(a, 'days_until', fields);
      if (days && name === '<=') return rule(days, 'withinDays', b);
      if (days && name === '>') return rule(days, 'beyondDays', b);
      const age = dateFunction(a, 'age_years', fields);
      if (age && name === '>=') return rule(age, 'ageAtLeast', b);
      if (age && name === '<') return rule(age, 'ageUnder', b);
      return undefined;
    }
    case 'in': {
      if (args.length !== 2) return undefined;
      // {"in": [var, [list]]}: the field's value is one of the list.
      if (fa && Array.isArray(b) && b.length > 0 && b.every(isPrimitive)) {
        if (fa.kind === 'text' && b.every((x) => typeof x === 'string')) return rule(fa, 'inList', b);
        if (fa.kind === 'choice') return rule(fa, 'inList', b);
        return undefined;
      }
      // {"in": ["x", var]}: the text contains x, or the multiple choice includes x.
      const fb = varField(b, fields);
      if (fb?.kind === 'text' && typeof a === 'string') return rule(fb, 'contains', a);
      if (fb?.kind === 'multiple' && isPrimitive(a)) return rule(fb, 'includes', a);
      return undefined;
    }
    case 'some': {
      const f = varField(a, fields);
      const test = operation(b);
      if (f?.kind !== 'multiple' || !test || test[0] !== 'in' || !sameJson(test[1][0], { var: '' })) return undefined;
      const list = test[1][1];
      return Array.isArray(list) && list.length > 0 && list.every(isPrimitive) ? rule(f, 'includesAny', list) : undefined;
    }
    case '!': {
      if (args.length !== 1) return undefined;
      if (varField(a, fields)?.kind === 'multiple') return rule(varField(a, fields)!, 'unset');
      const inner = operation(a);
      if (inner?.[0] === 'missing' && inner[1].length === 1 && typeof inner[1][0] === 'string') {
        const f = fields.find((x) => x.path === inner[1][0]);
        return f && f.kind !== 'multiple' ? rule(f, 'set') : undefined;
      }
      if (inner?.[0] === 'in') {
        const positive = guessRule(a, fields);
        return positive?.op === 'includes' ? { ...positive, op: 'excludes' } : undefined;
      }
      return undefined;
    }
    case '!!':
      return args.length === 1 && fa?.kind === 'multiple' ? rule(fa, 'set') : undefined;
    case 'missing': {
      if (args.length !== 1 || typeof a !== 'string') return undefined;
      const f = fields.find((x) => x.path === a);
      return f && f.kind !== 'multiple' ? rule(f, 'unset') : undefined;
    }
    default:
      return undefined;
  }
}

/** A rule, when the piece is exactly what the builder writes for one; a raw piece otherwise. */
function readRule(logic: unknown, fields: readonly ConditionField[]): ConditionRule | RawCondition {
  const rule = guessRule(logic, fields);
  if (rule && complete(rule, fields) && sameJson(ruleToJsonLogic(rule, fields), logic)) return rule;
  return { type: 'raw', logic };
}

function readJoin(logic: unknown): [Join, unknown[]] | null {
  if (!isObject(logic) || Object.keys(logic).length !== 1) return null;
  if (Array.isArray(logic.and)) return ['and', logic.and];
  if (Array.isArray(logic.or)) return ['or', logic.or];
  return null;
}

/**
 * The condition a JSON Logic expression (or `true`) describes, for the builder to edit. What it
 * cannot show as rules stays as read-only pieces; the result always writes back to the same JSON.
 */
export function fromJsonLogic(logic: unknown, fields: readonly ConditionField[]): Condition {
  if (logic === true) return { type: 'always' };
  const whole = (): Condition => ({ type: 'when', join: 'and', items: [{ type: 'raw', logic }] });
  const top = readJoin(logic);
  let condition: Condition;
  if (!top) {
    condition = { type: 'when', join: 'and', items: [readRule(logic, fields)] };
  } else {
    const items = top[1].map((piece): ConditionItem => {
      const inner = readJoin(piece);
      if (!inner) return readRule(piece, fields);
      const group: ConditionGroup = { type: 'group', join: inner[0], items: inner[1].map((x) => readRule(x, fields)) };
      // A group that is nothing but hand-written pieces is one hand-written piece.
      return group.items.every((x) => x.type === 'raw') ? { type: 'raw', logic: piece } : group;
    });
    condition = { type: 'when', join: top[0], items };
  }
  try {
    return sameJson(toJsonLogic(condition, fields), logic) ? condition : whole();
  } catch {
    return whole();
  }
}
