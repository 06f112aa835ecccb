/**
 * What changed between two versions of a démarche, as the Procédures team reads it before and
 * after publishing: steps, transitions, form fields, and the other named parts.
 * Pure: the server shows it after publishing, the designer before.
 */
import type { Demarche } from './demarche.generated';
import { stateGraph, type StateNodeInfo, type TransitionInfo } from './stateGraph';

export interface StateRef {
  path: string;
  label: string;
}

export interface StateChange extends StateRef {
  /** What changed: `type`, `meta.label`, `meta.roles`, `entry`… */
  changes: string[];
}

/** The transitions of one state for one trigger (an event, a timer, `always`, `onDone`). */
export interface TransitionRef {
  /** The state's path; '' for the workflow's own transitions. */
  state: string;
  /** The event, `after <durée>`, `always` or `onDone`. */
  on: string;
  targets: string[];
}

export interface TransitionChange {
  state: string;
  on: string;
  before: string[];
  after: string[];
  /** `targets`, `guard`, `actions`, `reenter` (of the alternatives, in order). */
  changes: string[];
}

export interface FieldRef {
  /** Dotted path in the form data (`hebergeant.nom`; `parents[].nom` inside a list). */
  path: string;
  title: string;
}

export interface FieldChange extends FieldRef {
  /** Changed keywords of the field's schema (`title`, `type`, `maxLength`…) and `required`. */
  changes: string[];
}

export interface KeyedChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export const NAMED_PARTS = ['roles', 'events', 'pieces', 'parameters', 'deadlines', 'delays', 'templates'] as const;
export type NamedPart = (typeof NAMED_PARTS)[number];

export interface DefinitionDiff {
  /** The version compared with; null when there was none (first publication). */
  from: number | null;
  to: number;
  identical: boolean;
  states: { added: StateRef[]; removed: StateRef[]; changed: StateChange[] };
  transitions: { added: TransitionRef[]; removed: TransitionRef[]; changed: TransitionChange[] };
  fields: { added: FieldRef[]; removed: FieldRef[]; changed: FieldChange[] };
  /** The named parts that changed, by name (only those with a change). */
  entries: Partial<Record<NamedPart, KeyedChanges>>;
  /** Other properties that changed: `title`, `retention`, `form.pages`, `workflow.initial`… */
  properties: string[];
}

type Json = Record<string, unknown>;

/** JSON with keys sorted, so that two equal values give the same text whatever their key order. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Json)[k])]));
    return v;
  };
  return value === undefined ? 'undefined' : JSON.stringify(sort(value));
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function isObject(v: unknown): v is Json {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Keys of `before` and `after` whose values differ (present on one side only counts). */
function changedKeys(before: Json, after: Json, keys?: readonly string[]): string[] {
  const all = keys ?? [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return all.filter((k) => !same(before[k], after[k]));
}

// ——— states ———

function labelOf(node: StateNodeInfo): string {
  return ((node.config as { meta?: { label?: string } }).meta?.label) ?? node.key;
}

const STATE_OWN = ['type', 'id', 'initial', 'description', 'entry', 'exit'] as const;

function stateChanges(a: StateNodeInfo, b: StateNodeInfo): string[] {
  const own = (n: StateNodeInfo): Json => {
    const config = n.config as unknown as Json;
    return { ...Object.fromEntries(STATE_OWN.map((k) => [k, config[k]])), type: n.type };
  };
  const meta = (n: StateNodeInfo): Json => ((n.config as unknown as Json).meta as Json | undefined) ?? {};
  return [...changedKeys(own(a), own(b), STATE_OWN), ...changedKeys(meta(a), meta(b)).map((k) => `meta.${k}`)];
}

// ——— transitions ———

function triggerKey(t: TransitionInfo): string {
  switch (t.trigger.kind) {
    case 'event': return t.trigger.event;
    case 'after': return `after ${t.trigger.delay}`;
    case 'always': return 'always';
    case 'done': return 'onDone';
  }
}

/** Each state's transitions grouped by trigger: `state|trigger` -> the alternatives, in order. */
function transitionsOf(nodes: readonly StateNodeInfo[]): Map<string, TransitionInfo[]> {
  const map = new Map<string, TransitionInfo[]>();
  for (const node of nodes) {
    for (const t of node.transitions) {
      const key = `${node.path}|${triggerKey(t)}`;
      map.set(key, [...(map.get(key) ?? []), t]);
    }
  }
  return map;
}

function targetsOf(list: readonly TransitionInfo[]): string[] {
  return [...new Set(list.flatMap((t) => t.targets))];
}

function transitionChanges(a: readonly TransitionInfo[], b: readonly TransitionInfo[]): string[] {
  const aspect = (list: readonly TransitionInfo[], pick: (t: TransitionInfo) => unknown) => list.map(pick);
  const changes: string[] = [];
  if (!same(aspect(a, (t) => t.targets), aspect(b, (t) => t.targets))) changes.push('targets');
  if (!same(aspect(a, (t) => t.guard ?? null), aspect(b, (t) => t.guard ?? null))) changes.push('guard');
  if (!same(aspect(a, (t) => t.actions), aspect(b, (t) => t.actions))) changes.push('actions');
  if (!same(aspect(a, (t) => t.reenter), aspect(b, (t) => t.reenter))) changes.push('reenter');
  return changes;
}

// ——— form fields ———

interface FieldInfo {
  node: Json;
  required: boolean;
}

const CONDITIONAL = ['then', 'else', 'allOf', 'anyOf', 'oneOf'] as const;

function isObjectSchema(node: Json): boolean {
  return node.type === 'object' || isObject(node.properties);
}

/** Every field of a form schema by dotted path, including those that appear only under a condition. */
function fieldsOf(schema: unknown): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>();
  const visit = (node: Json, prefix: string, requiredHere: boolean) => {
    const required = new Set(requiredHere && Array.isArray(node.required) ? (node.required as string[]) : []);
    for (const [key, child] of Object.entries(isObject(node.properties) ? node.properties : {})) {
      if (!isObject(child)) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      // A branch often narrows a field already declared (a const on the discriminant): keep the declaration.
      if (!out.has(path)) out.set(path, { node: child, required: required.has(key) });
      if (isObjectSchema(child)) visit(child, path, true);
      if (child.type === 'array' && isObject(child.items) && isObjectSchema(child.items)) visit(child.items, `${path}[]`, true);
    }
    // Conditional branches add fields at the same level; their `required` is conditional, not counted.
    for (const key of CONDITIONAL) {
      const value = node[key];
      for (const branch of Array.isArray(value) ? value : [value]) if (isObject(branch)) visit(branch, prefix, false);
    }
    if (isObject(node.dependentSchemas)) for (const branch of Object.values(node.dependentSchemas)) if (isObject(branch)) visit(branch, prefix, false);
  };
  if (isObject(schema)) visit(schema, '', true);
  return out;
}

/** The field's own keywords: for an object or a list of objects, not its sub-fields (listed on their own). */
function ownKeywords(node: Json): Json {
  const own: Json = { ...node };
  if (isObjectSchema(node)) for (const k of ['properties', 'required', 'if', 'dependentSchemas', ...CONDITIONAL]) delete own[k];
  if (node.type === 'array' && isObject(node.items) && isObjectSchema(node.items)) delete own.items;
  return own;
}

function fieldTitle(path: string, node: Json): string {
  return typeof node.title === 'string' ? node.title : path.split('.').pop() ?? path;
}

// ——— the whole ———

const PROPERTIES: readonly [string, (d: Demarche) => unknown][] = [
  ['title', (d) => d.title],
  ['summary', (d) => d.summary],
  ['category', (d) => d.category],
  ['typicalDuration', (d) => d.typicalDuration],
  ['retention', (d) => d.retention],
  ['form.pages', (d) => d.form?.pages],
  ['form.uiSchema', (d) => d.form?.uiSchema],
  ['workflow.initial', (d) => d.workflow?.initial],
  ['workflow.entry', (d) => d.workflow?.entry],
  ['workflow.exit', (d) => d.workflow?.exit],
];

function keyedChanges(before: Json | undefined, after: Json | undefined): KeyedChanges {
  const a = before ?? {};
  const b = after ?? {};
  return {
    added: Object.keys(b).filter((k) => !(k in a)).sort(),
    removed: Object.keys(a).filter((k) => !(k in b)).sort(),
    changed: Object.keys(b).filter((k) => k in a && !same(a[k], b[k])).sort(),
  };
}

/**
 * The differences from `before` (null: nothing published yet, so everything is added) to `after`.
 * The designer's node positions (`layout`) are left out: they change nothing for anybody.
 */
export function diffDefinitions(before: Demarche | null, after: Demarche): DefinitionDiff {
  const nodesA = before ? stateGraph(before.workflow).nodes : [];
  const nodesB = stateGraph(after.workflow).nodes;
  const statesA = new Map(nodesA.filter((n) => n.parent).map((n) => [n.path, n]));
  const statesB = new Map(nodesB.filter((n) => n.parent).map((n) => [n.path, n]));
  const states: DefinitionDiff['states'] = {
    added: [...statesB.values()].filter((n) => !statesA.has(n.path)).map((n) => ({ path: n.path, label: labelOf(n) })),
    removed: [...statesA.values()].filter((n) => !statesB.has(n.path)).map((n) => ({ path: n.path, label: labelOf(n) })),
    changed: [...statesB.values()].flatMap((n) => {
      const old = statesA.get(n.path);
      const changes = old ? stateChanges(old, n) : [];
      return changes.length > 0 ? [{ path: n.path, label: labelOf(n), changes }] : [];
    }),
  };

  const transA = transitionsOf(nodesA);
  const transB = transitionsOf(nodesB);
  const ref = (key: string, list: TransitionInfo[]): TransitionRef => {
    const [state, on] = key.split('|');
    return { state, on, targets: targetsOf(list) };
  };
  const transitions: DefinitionDiff['transitions'] = {
    added: [...transB].filter(([k]) => !transA.has(k)).map(([k, l]) => ref(k, l)),
    removed: [...transA].filter(([k]) => !transB.has(k)).map(([k, l]) => ref(k, l)),
    changed: [...transB].flatMap(([k, list]) => {
      const old = transA.get(k);
      const changes = old ? transitionChanges(old, list) : [];
      if (changes.length === 0 || !old) return [];
      const [state, on] = k.split('|');
      return [{ state, on, before: targetsOf(old), after: targetsOf(list), changes }];
    }),
  };

  const fieldsA = fieldsOf(before?.form?.schema);
  const fieldsB = fieldsOf(after.form?.schema);
  const fields: DefinitionDiff['fields'] = {
    added: [...fieldsB].filter(([p]) => !fieldsA.has(p)).map(([path, f]) => ({ path, title: fieldTitle(path, f.node) })),
    removed: [...fieldsA].filter(([p]) => !fieldsB.has(p)).map(([path, f]) => ({ path, title: fieldTitle(path, f.node) })),
    changed: [...fieldsB].flatMap(([path, f]) => {
      const old = fieldsA.get(path);
      if (!old) return [];
      const changes = changedKeys(ownKeywords(old.node), ownKeywords(f.node));
      if (old.required !== f.required) changes.push('required');
      return changes.length > 0 ? [{ path, title: fieldTitle(path, f.node), changes }] : [];
    }),
  };

  const entries: DefinitionDiff['entries'] = {};
  for (const part of NAMED_PARTS) {
    const changes = keyedChanges(before?.[part] as Json | undefined, after[part] as Json | undefined);
    if (changes.added.length + changes.removed.length + changes.changed.length > 0) entries[part] = changes;
  }
  const properties = PROPERTIES.filter(([, read]) => !same(before ? read(before) : undefined, read(after))).map(([name]) => name);

  const identical = [states, transitions, fields].every((d) => d.added.length + d.removed.length + d.changed.length === 0)
    && Object.keys(entries).length === 0 && properties.length === 0;
  return { from: before?.version ?? null, to: after.version, identical, states, transitions, fields, entries, properties };
}
