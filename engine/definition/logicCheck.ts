import { KNOWN_OPERATIONS } from '../rules';
import { error, type Problem } from './problem';
import { ANY, jsonTypeOf, resolveVar, type JsonType, type ScopeShape, type TypeInfo } from './scopeShape';

/** Operations whose second argument is evaluated once per item, with the item as scope. */
const ITERATING = new Set(['map', 'filter', 'all', 'none', 'some', 'reduce']);
const COMPARISONS = new Set(['<', '>', '<=', '>=']);
const EQUALITIES = new Set(['==', '===', '!=', '!==']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'min', 'max']);
const DATE_OPERATIONS: Record<string, number[]> = {
  age_years: [0, 1], age_months: [0, 1], days_until: [0, 1], days_since: [0, 1], add_duration: [0],
};

const NUMBER = new Set<JsonType>(['number']);
const STRING = new Set<JsonType>(['string']);
const BOOLEAN = new Set<JsonType>(['boolean']);
const ARRAY = new Set<JsonType>(['array']);

const TYPE_FR: Record<JsonType, string> = {
  string: 'un texte', number: 'un nombre', boolean: 'un oui/non', object: 'un objet', array: 'une liste', null: 'vide',
};

function describe(type: TypeInfo): string {
  return type.types ? [...type.types].map((x) => TYPE_FR[x]).join(' ou ') : 'quelconque';
}

function isOperation(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1;
}

function args(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * Checks one JSON Logic expression against what the scope holds: operations exist, every `var`
 * names something that exists, and operands have types the operation can use.
 */
export function checkLogic(expression: unknown, pointer: string, shape: ScopeShape): Problem[] {
  const problems: Problem[] = [];

  /** Walks an expression and returns what is known of its value's type. */
  const walk = (expr: unknown, at: string, inItem: boolean): TypeInfo => {
    if (Array.isArray(expr)) {
      expr.forEach((e, i) => walk(e, `${at}/${i}`, inItem));
      return { types: ARRAY };
    }
    if (!isOperation(expr)) {
      if (expr && typeof expr === 'object') {
        problems.push(error('unknown-operation', at, 'Une expression JSON Logic a exactement une opération, par exemple {"==": [{"var": "data.champ"}, "valeur"]}.'));
        return ANY;
      }
      return { types: new Set([jsonTypeOf(expr)]), enum: [expr] };
    }
    const [op, raw] = Object.entries(expr)[0];
    const opAt = `${at}/${op.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!KNOWN_OPERATIONS.has(op)) {
      problems.push(error('unknown-operation', opAt, `L’opération « ${op} » n’existe pas. Opérations possibles : ${[...KNOWN_OPERATIONS].join(', ')}.`));
      return ANY;
    }
    const list = args(raw);
    const argAt = (i: number) => (Array.isArray(raw) ? `${opAt}/${i}` : opAt);

    if (op === 'var') {
      const path = list[0];
      if (inItem || typeof path !== 'string') return ANY; // item scope or computed path: known only at run time
      if (path === '') return ANY;
      const resolved = resolveVar(path, shape);
      if (!resolved.ok) {
        problems.push(error('unknown-field', argAt(0), resolved.message));
        return ANY;
      }
      return resolved.type;
    }
    if (op === 'missing' || op === 'missing_some') {
      const paths = op === 'missing' ? list : args(list[1]);
      if (!inItem) {
        paths.forEach((p, i) => {
          if (typeof p !== 'string') return;
          const resolved = resolveVar(p, shape);
          if (!resolved.ok) problems.push(error('unknown-field', op === 'missing' ? argAt(i) : `${argAt(1)}/${i}`, resolved.message));
        });
      }
      return { types: ARRAY };
    }
    if (ITERATING.has(op)) {
      walk(list[0], argAt(0), inItem);
      walk(list[1], argAt(1), true);
      if (op === 'reduce') walk(list[2], argAt(2), inItem);
      return op === 'map' || op === 'filter' ? { types: ARRAY } : op === 'reduce' ? ANY : { types: BOOLEAN };
    }

    const types = list.map((a, i) => walk(a, argAt(i), inItem));
    const expect = (i: number, allowed: ReadonlySet<JsonType>, what: string) => {
      const ty = types[i];
      if (!ty || !ty.types) return;
      if (![...ty.types].some((x) => allowed.has(x) || x === 'null')) {
        problems.push(error('wrong-type', argAt(i), `« ${op} » attend ${what}, mais reçoit ${describe(ty)}.`));
      }
    };

    if (COMPARISONS.has(op)) {
      const known = types.filter((x) => x.types);
      const numeric = known.some((x) => x.types!.has('number') && x.types!.size === 1);
      types.forEach((_, i) => expect(i, numeric ? NUMBER : new Set<JsonType>(['number', 'string']), numeric ? 'des nombres' : 'des nombres ou des dates'));
      return { types: BOOLEAN };
    }
    if (EQUALITIES.has(op)) {
      const [a, b] = types;
      if (a?.types && b?.types && ![...a.types].some((x) => b.types!.has(x)) && !a.types.has('null') && !b.types.has('null')) {
        problems.push(error('wrong-type', opAt, `« ${op} » compare ${describe(a)} à ${describe(b)} : ils ne seront jamais égaux. Vérifiez le type du champ.`));
      }
      // A literal compared to a field with a fixed list of values must be one of them.
      for (const [field, literal, i] of [[a, b, 1], [b, a, 0]] as const) {
        if (field?.enum && literal?.enum && literal.enum.length === 1 && field.enum.length > 1 && !field.enum.includes(literal.enum[0])) {
          problems.push(error('wrong-type', argAt(i), `« ${String(literal.enum[0])} » n’est pas une des valeurs possibles du champ : ${field.enum.map((v) => `« ${String(v)} »`).join(', ')}.`));
        }
      }
      return { types: BOOLEAN };
    }
    if (op === 'in') {
      const [needle, haystack] = types;
      if (haystack?.types && ![...haystack.types].some((x) => x === 'array' || x === 'string')) {
        problems.push(error('wrong-type', argAt(1), `« in » cherche dans une liste ou un texte, mais reçoit ${describe(haystack)}.`));
      }
      // ["a", "b"] literal list against a field with known values: each must be possible.
      if (needle?.enum && needle.enum.length > 1 && Array.isArray(list[1])) {
        (list[1] as unknown[]).forEach((v, i) => {
          if (!(v && typeof v === 'object') && !needle.enum!.includes(v)) {
            problems.push(error('wrong-type', `${argAt(1)}/${i}`, `« ${String(v)} » n’est pas une des valeurs possibles du champ : ${needle.enum!.map((x) => `« ${String(x)} »`).join(', ')}.`));
          }
        });
      }
      return { types: BOOLEAN };
    }
    if (ARITHMETIC.has(op)) {
      types.forEach((_, i) => expect(i, NUMBER, 'des nombres'));
      return { types: NUMBER };
    }
    if (op in DATE_OPERATIONS) {
      for (const i of DATE_OPERATIONS[op]) expect(i, STRING, 'une date');
      if (op === 'add_duration') expect(1, STRING, 'une durée ISO 8601');
      return op === 'add_duration' ? { types: STRING, format: 'date-time' } : { types: NUMBER };
    }
    if (op === 'cat' || op === 'substr') return { types: STRING };
    if (op === 'count') return { types: NUMBER };
    if (op === 'difference' || op === 'keys' || op === 'merge') return { types: ARRAY };
    if (op === '!' || op === '!!') return { types: BOOLEAN };
    if (op === 'if' || op === '?:') {
      const branches = types.filter((_, i) => i % 2 === 1 || i === types.length - 1);
      const union = new Set<JsonType>();
      for (const b of branches) {
        if (!b.types) return ANY;
        b.types.forEach((x) => union.add(x));
      }
      return { types: union };
    }
    return ANY; // and / or: the value of one of their operands
  };

  walk(expression, pointer, false);
  return problems;
}
