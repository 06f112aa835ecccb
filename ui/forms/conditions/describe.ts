/**
 * A condition in one French line, for lists and summaries:
 * « Code postal est parmi 93210, 93300 et Priorité est Urgente ». Pure.
 */
import { fieldName, type ConditionField } from './fields';
import { fromJsonLogic } from './jsonLogic';
import { isDay, type Condition, type ConditionItem, type ConditionRule } from './model';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** `2026-06-01` → « 1er juin 2026 » (anything else unchanged). */
export function frenchDay(value: string): string {
  if (!isDay(value)) return value;
  const [y, m, d] = value.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

const frNumber = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('fr-FR') : String(n));
const plural = (n: unknown, word: string) => `${frNumber(n)} ${word}${typeof n === 'number' && Math.abs(n) >= 2 ? 's' : ''}`;

/** The French title of an option value (the value itself when the field does not list it). */
function optionTitle(field: ConditionField, value: unknown): string {
  const option = field.options?.find((o) => o.value === value);
  if (option) return option.title;
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return String(value);
}

/** One rule in words; `…` stands for what is not chosen yet. */
export function describeRule(rule: ConditionRule, fields: readonly ConditionField[]): string {
  const field = fields.find((f) => f.path === rule.field);
  if (!field) return rule.field ? `${rule.field} …` : '…';
  const name = fieldName(field, fields);
  const v = rule.value;
  const shown = (x: unknown) => (x === undefined || x === '' ? '…' : field.kind === 'number' ? frNumber(x) : optionTitle(field, x));
  const list = (x: unknown) => (Array.isArray(x) && x.length > 0 ? x.map(shown).join(', ') : '…');
  switch (rule.op) {
    case '': return `${name} …`;
    case 'eq': return field.kind === 'choice' ? `${name} est ${shown(v)}` : field.kind === 'number' ? `${name} = ${shown(v)}` : `${name} est égal à ${shown(v)}`;
    case 'neq': return field.kind === 'choice' ? `${name} n’est pas ${shown(v)}` : field.kind === 'number' ? `${name} ≠ ${shown(v)}` : `${name} est différent de ${shown(v)}`;
    case 'startsWith': return `${name} commence par ${shown(v)}`;
    case 'contains': return `${name} contient ${shown(v)}`;
    case 'inList': return `${name} est parmi ${list(v)}`;
    case 'lt': return `${name} < ${shown(v)}`;
    case 'lte': return `${name} ≤ ${shown(v)}`;
    case 'gt': return `${name} > ${shown(v)}`;
    case 'gte': return `${name} ≥ ${shown(v)}`;
    case 'between': {
      const [min, max] = Array.isArray(v) ? v : [];
      return `${name} entre ${shown(min)} et ${shown(max)}`;
    }
    case 'before': return `${name} avant le ${typeof v === 'string' ? frenchDay(v) : '…'}`;
    case 'after': return `${name} après le ${typeof v === 'string' ? frenchDay(v) : '…'}`;
    case 'withinDays': return `${name} dans les ${v === undefined ? '…' : plural(v, 'jour')}`;
    case 'beyondDays': return `${name} dans plus de ${v === undefined ? '…' : plural(v, 'jour')}`;
    case 'ageAtLeast': return `${name} : âge d’au moins ${v === undefined ? '…' : plural(v, 'an')}`;
    case 'ageUnder': return `${name} : âge de moins de ${v === undefined ? '…' : plural(v, 'an')}`;
    case 'isTrue': return `${name} : oui`;
    case 'isFalse': return `${name} : non`;
    case 'includes': return `${name} comprend ${shown(v)}`;
    case 'excludes': return `${name} ne comprend pas ${shown(v)}`;
    case 'includesAny': return `${name} comprend au moins un de ${list(v)}`;
    case 'set': return field.kind === 'multiple' ? `${name} : au moins une case cochée` : `${name} est renseigné`;
    case 'unset': return field.kind === 'multiple' ? `${name} : aucune case cochée` : `${name} n’est pas renseigné`;
  }
}

// ---------------------------------------------------------------------------------------------
// Any JSON Logic, in rough words (for what was written by hand)
// ---------------------------------------------------------------------------------------------

const SYMBOLS: Record<string, string> = { '==': '=', '===': '=', '!=': '≠', '!==': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥', '+': '+', '-': '−', '*': '×', '/': '÷', '%': 'modulo' };

/**
 * Any JSON Logic expression in rough French, for a condition written by hand:
 * `{"===": [{"var": "dossier.instruction.urgenceValidee"}, false]}` → « dossier.instruction.urgenceValidee = non ».
 * Fields of the form are named by their title; other paths are shown as they are.
 */
export function describeLogic(logic: unknown, fields: readonly ConditionField[]): string {
  const walk = (x: unknown, nested: boolean): string => {
    if (x === true) return 'oui';
    if (x === false) return 'non';
    if (x === null) return 'vide';
    if (typeof x === 'number') return frNumber(x);
    if (typeof x === 'string') return isDay(x) ? frenchDay(x) : `« ${x} »`;
    if (Array.isArray(x)) return x.map((e) => walk(e, true)).join(', ');
    if (typeof x !== 'object') return String(x);
    const keys = Object.keys(x as object);
    if (keys.length !== 1) return JSON.stringify(x);
    const op = keys[0];
    const raw = (x as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const wrap = (s: string) => (nested ? `(${s})` : s);
    if (op === 'var') {
      const path = String(args[0]);
      if (path === 'now') return 'aujourd’hui';
      const field = fields.find((f) => f.path === path);
      return field ? fieldName(field, fields) : path;
    }
    if (op === 'and' || op === 'or') return wrap(args.map((a) => walk(a, true)).join(op === 'and' ? ' et ' : ' ou '));
    if (op === '!') return `non ${walk(args[0], true)}`;
    if (op === '!!') return `${walk(args[0], true)} est renseigné`;
    if (op === 'missing') return `${args.map((a) => walk({ var: a }, true)).join(', ')} non renseigné`;
    if (op === 'in') return wrap(`${walk(args[0], true)} dans ${walk(args[1], true)}`);
    if (op === 'days_until' && args.length === 2) return `nombre de jours jusqu’au ${walk(args[0], true)}`;
    if (op === 'days_since' && args.length === 2) return `nombre de jours depuis le ${walk(args[0], true)}`;
    if (op === 'age_years' && args.length === 2) return `âge (d’après ${walk(args[0], true)})`;
    if (op in SYMBOLS) return wrap(args.map((a) => walk(a, true)).join(` ${SYMBOLS[op]} `));
    return `${op}(${args.map((a) => walk(a, false)).join(', ')})`;
  };
  return walk(logic, false);
}

function describeItem(item: ConditionItem, fields: readonly ConditionField[], nested: boolean): string {
  if (item.type === 'rule') return describeRule(item, fields);
  if (item.type === 'raw') {
    const text = `condition écrite à la main : ${describeLogic(item.logic, fields)}`;
    return nested ? `(${text})` : text;
  }
  const text = item.items.map((x) => describeItem(x, fields, true)).join(item.join === 'and' ? ' et ' : ' ou ');
  return item.items.length > 1 ? `(${text})` : text;
}

/**
 * A condition (or its JSON Logic) in one French line: « toujours », « Code postal est parmi
 * 93210, 93300 et Priorité est Urgente », « (A ou B) et C ».
 */
export function describeCondition(condition: Condition | unknown, fields: readonly ConditionField[]): string {
  const c = isCondition(condition) ? condition : fromJsonLogic(condition, fields);
  if (c.type === 'always') return 'toujours';
  if (c.items.length === 0) return 'jamais (aucune condition)';
  const several = c.items.length > 1;
  const text = c.items.map((item) => describeItem(item, fields, several)).join(c.join === 'and' ? ' et ' : ' ou ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isCondition(x: unknown): x is Condition {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
    && ((x as Condition).type === 'always' || ((x as Condition).type === 'when' && Array.isArray((x as { items?: unknown }).items)));
}
