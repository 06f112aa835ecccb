import {
  resolveTarget, stateGraph,
  type Action, type Demarche, type Guard, type State, type StateMeta, type StateNodeInfo, type Transition, type Workflow,
} from '../../engine';
import { DesignError, edit, isSlug } from './edit';

/** Where a transition sits: on which state, triggered by what, which one when there are several. */
export interface TransitionRef {
  source: string;
  kind: 'event' | 'after' | 'always' | 'done';
  /** The event name, or the delay key of an `after`. */
  key?: string;
  index: number;
}

/** A transition in object form, as the inspector edits it. */
export interface TransitionFields {
  target?: string | string[];
  guard?: Guard;
  actions?: Action[];
  reenter?: boolean;
  description?: string;
}

type Node = State | Workflow;

function nodeAt(workflow: Workflow, path: string): Node {
  let node: Node = workflow;
  if (path === '') return node;
  for (const key of path.split('.')) {
    const next: State | undefined = node.states?.[key];
    if (!next) throw new DesignError(`L’état « ${path} » n’existe pas.`);
    node = next;
  }
  return node;
}

const parentOf = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');
const keyOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);
const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);
const within = (path: string, ancestor: string) => ancestor === '' || path === ancestor || path.startsWith(`${ancestor}.`);

/** The transitions of one trigger of a state, as a list (the JSON may hold one or an array). */
function listOf(node: Node, kind: TransitionRef['kind'], key?: string): Transition[] {
  const raw = kind === 'event' ? node.on?.[key!] : kind === 'after' ? (node as State).after?.[key!] : kind === 'always' ? (node as State).always : (node as State).onDone;
  return raw === undefined ? [] : Array.isArray(raw) ? [...raw] : [raw];
}

function setList(node: Node, kind: TransitionRef['kind'], key: string | undefined, list: Transition[]): void {
  const value = list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
  const state = node as State;
  if (kind === 'event') {
    const on = { ...(node.on ?? {}) };
    if (value === undefined) delete on[key!];
    else on[key!] = value;
    node.on = Object.keys(on).length ? on : undefined;
    if (!node.on) delete node.on;
  } else if (kind === 'after') {
    const after = { ...(state.after ?? {}) };
    if (value === undefined) delete after[key!];
    else after[key!] = value;
    if (Object.keys(after).length) state.after = after;
    else delete state.after;
  } else if (kind === 'always') {
    if (value === undefined) delete state.always;
    else state.always = value;
  } else if (value === undefined) delete state.onDone;
  else state.onDone = value;
}

function asObject(t: Transition): TransitionFields {
  return typeof t === 'string' ? { target: t } : { ...t };
}

/** A target string for `targetPath` as seen from `sourcePath`: relative when it can be, else by id. */
function targetFrom(workflow: Workflow, sourcePath: string, targetPath: string): string {
  if (sourcePath !== '' && within(targetPath, sourcePath) && targetPath !== sourcePath) return `.${targetPath.slice(sourcePath.length + 1)}`;
  const parent = parentOf(sourcePath);
  if (sourcePath !== '' && within(targetPath, parent)) return parent === '' ? targetPath : targetPath.slice(parent.length + 1);
  if (sourcePath === '') return `.${targetPath}`;
  // Elsewhere in the tree: by the target's id, given one if it has none.
  const target = nodeAt(workflow, targetPath) as State;
  if (!target.id) {
    const taken = new Set(stateGraph(workflow).byId.keys());
    let id = keyOf(targetPath);
    for (let i = 2; taken.has(id); i++) id = `${keyOf(targetPath)}_${i}`;
    target.id = id;
  }
  return `#${target.id}`;
}

/** The state paths every transition of the workflow targets, to rewrite them after a move or a rename. */
function targetsByTransition(workflow: Workflow) {
  const graph = stateGraph(workflow);
  return graph.nodes.flatMap((node) => node.transitions.map((t) => ({
    node, t, resolved: t.targets.map((target) => resolveTarget(graph, node, target)?.path ?? null),
  })));
}

function ref(t: StateNodeInfo['transitions'][number]): TransitionRef {
  const { trigger } = t;
  const key = trigger.kind === 'event' ? trigger.event : trigger.kind === 'after' ? trigger.delay : undefined;
  return { source: t.source.path, kind: trigger.kind, key, index: t.index };
}

/** Adds a state under `parentPath` ('' = top level). A state that gets its first child starts with it. */
export function addState(definition: Demarche, parentPath: string, key: string, meta: StateMeta, type?: State['type']): Demarche {
  if (!isSlug(key)) throw new DesignError(`« ${key} » n’est pas un identifiant valide : minuscules sans accents, chiffres, « _ » ou « - ».`);
  return edit(definition, (d) => {
    const parent = nodeAt(d.workflow, parentPath);
    if (parent.states?.[key]) throw new DesignError(`Un état « ${key} » existe déjà à cet endroit.`);
    const first = !parent.states || Object.keys(parent.states).length === 0;
    parent.states = { ...(parent.states ?? {}), [key]: { meta, ...(type && type !== 'atomic' ? { type } : {}) } };
    if (first && parentPath !== '' && (parent as State).type !== 'parallel') parent.initial = key;
  });
}

/** Renames a state; every transition, initial state, position and scenario that named it follows. */
export function renameState(definition: Demarche, path: string, newKey: string): Demarche {
  if (!isSlug(newKey)) throw new DesignError(`« ${newKey} » n’est pas un identifiant valide : minuscules sans accents, chiffres, « _ » ou « - ».`);
  const oldKey = keyOf(path);
  if (oldKey === newKey) return definition;
  const parentPath = parentOf(path);
  const newPath = join(parentPath, newKey);
  const renamed = (p: string) => (within(p, path) ? newPath + p.slice(path.length) : p);
  return edit(definition, (d) => {
    const parent = nodeAt(d.workflow, parentPath);
    if (parent.states?.[newKey]) throw new DesignError(`Un état « ${newKey} » existe déjà à cet endroit.`);
    const before = targetsByTransition(d.workflow);
    // Keep the order of the states: it is the order the designer and the documentation show.
    parent.states = Object.fromEntries(Object.entries(parent.states!).map(([k, v]) => [k === oldKey ? newKey : k, v]));
    if (parent.initial === oldKey) parent.initial = newKey;
    for (const { node, t, resolved } of before) {
      if (!resolved.some((p) => p !== null && within(p, path))) continue;
      const source = renamed(node.path);
      const targets = resolved.map((p, i) => (p === null ? t.targets[i] : targetFrom(d.workflow, source, renamed(p))));
      const r = ref(t);
      const holder = nodeAt(d.workflow, source);
      const list = listOf(holder, r.kind, r.key);
      const current = asObject(list[r.index]);
      list[r.index] = typeof list[r.index] === 'string' ? targets[0] : { ...current, target: targets.length === 1 ? targets[0] : targets };
      setList(holder, r.kind, r.key, list);
    }
    if (d.layout) d.layout = Object.fromEntries(Object.entries(d.layout).map(([k, v]) => [renamed(k), v]));
    for (const scenario of d.scenarios ?? []) {
      for (const expectation of [...scenario.steps.map((s) => s.expect), scenario.expect]) {
        if (expectation?.states) expectation.states = expectation.states.map(renamed);
      }
    }
  });
}

/** Removes a state, its sub-states and every transition that led into it. */
export function deleteState(definition: Demarche, path: string): Demarche {
  if (path === '') throw new DesignError('Le parcours lui-même ne se supprime pas.');
  return edit(definition, (d) => {
    const before = targetsByTransition(d.workflow);
    const parentPath = parentOf(path);
    const parent = nodeAt(d.workflow, parentPath);
    const key = keyOf(path);
    const { [key]: _removed, ...rest } = parent.states ?? {};
    parent.states = rest;
    if (parent.initial === key) {
      const next = Object.keys(rest)[0];
      if (next) parent.initial = next;
      else delete parent.initial;
    }
    // Transitions leading into the removed subtree go (those leaving it went with it).
    const doomed = before
      .filter(({ node, resolved }) => !within(node.path, path) && resolved.some((p) => p !== null && within(p, path)))
      .map(({ t }) => ref(t))
      .sort((a, b) => b.index - a.index);
    for (const r of doomed) {
      const holder = nodeAt(d.workflow, r.source);
      const list = listOf(holder, r.kind, r.key);
      list.splice(r.index, 1);
      setList(holder, r.kind, r.key, list);
    }
    if (d.layout) d.layout = Object.fromEntries(Object.entries(d.layout).filter(([k]) => !within(k, path)));
  });
}

/** Changes what the state says of itself: labels, citizen status, roles, service level, outcome. */
export function setStateMeta(definition: Demarche, path: string, meta: StateMeta): Demarche {
  return edit(definition, (d) => {
    if (path === '') throw new DesignError('Le parcours n’a pas de libellé propre : choisissez un état.');
    (nodeAt(d.workflow, path) as State).meta = meta;
  });
}

/** Makes a state final, parallel, compound or simple. A final state loses what would lead out of it. */
export function setStateType(definition: Demarche, path: string, type: NonNullable<State['type']>): Demarche {
  return edit(definition, (d) => {
    const state = nodeAt(d.workflow, path) as State;
    if (type === 'atomic') delete state.type;
    else state.type = type;
    if (type === 'final') {
      for (const k of ['on', 'after', 'always', 'onDone', 'states', 'initial'] as const) delete state[k];
    }
    if (type === 'parallel') delete state.initial;
  });
}

/** Adds a transition from `source` to `target` (a state path; null for a transition that stays). */
export function addTransition(
  definition: Demarche, source: string, trigger: { kind: TransitionRef['kind']; key?: string }, target: string | null, fields: Omit<TransitionFields, 'target'> = {},
): { definition: Demarche; ref: TransitionRef } {
  let created!: TransitionRef;
  const next = edit(definition, (d) => {
    if (trigger.kind === 'event' && !trigger.key) throw new DesignError('Choisissez l’événement qui déclenche la transition.');
    if (trigger.kind === 'after' && !trigger.key) throw new DesignError('Indiquez la durée du minuteur (par exemple P15D).');
    const holder = nodeAt(d.workflow, source);
    if ((holder as State).type === 'final') throw new DesignError('Un état final ne mène nulle part : retirez d’abord « final ».');
    const list = listOf(holder, trigger.kind, trigger.key);
    const transition: TransitionFields = { ...(target !== null ? { target: targetFrom(d.workflow, source, target) } : {}), ...fields };
    list.push(Object.keys(transition).length === 1 && typeof transition.target === 'string' ? transition.target : transition);
    setList(holder, trigger.kind, trigger.key, list);
    created = { source, kind: trigger.kind, key: trigger.key, index: list.length - 1 };
  });
  return { definition: next, ref: created };
}

/** The transition at `ref`, in object form. */
export function transitionAt(definition: Demarche, r: TransitionRef): TransitionFields {
  const list = listOf(nodeAt(definition.workflow, r.source), r.kind, r.key);
  if (!list[r.index]) throw new DesignError('Cette transition n’existe plus.');
  return asObject(list[r.index]);
}

/** Changes a transition: its target (a state path), guard, actions, or what triggers it (renaming the event or delay). */
export function updateTransition(
  definition: Demarche, r: TransitionRef, changes: { target?: string | null; guard?: Guard | null; actions?: Action[]; key?: string; reenter?: boolean },
): { definition: Demarche; ref: TransitionRef } {
  let moved = r;
  const next = edit(definition, (d) => {
    const holder = nodeAt(d.workflow, r.source);
    const list = listOf(holder, r.kind, r.key);
    const current = list[r.index];
    if (current === undefined) throw new DesignError('Cette transition n’existe plus.');
    const fields = asObject(current);
    if (changes.target === null) delete fields.target;
    else if (changes.target !== undefined) fields.target = targetFrom(d.workflow, r.source, changes.target);
    if (changes.guard === null) delete fields.guard;
    else if (changes.guard !== undefined) fields.guard = changes.guard;
    if (changes.actions !== undefined) {
      if (changes.actions.length) fields.actions = changes.actions;
      else delete fields.actions;
    }
    if (changes.reenter !== undefined) {
      if (changes.reenter) fields.reenter = true;
      else delete fields.reenter;
    }
    const simple = Object.keys(fields).length === 1 && typeof fields.target === 'string';
    if (changes.key !== undefined && changes.key !== r.key) {
      list.splice(r.index, 1);
      setList(holder, r.kind, r.key, list);
      const target = listOf(holder, r.kind, changes.key);
      target.push(simple ? (fields.target as string) : fields);
      setList(holder, r.kind, changes.key, target);
      moved = { ...r, key: changes.key, index: target.length - 1 };
    } else {
      list[r.index] = simple ? (fields.target as string) : fields;
      setList(holder, r.kind, r.key, list);
    }
  });
  return { definition: next, ref: moved };
}

export function deleteTransition(definition: Demarche, r: TransitionRef): Demarche {
  return edit(definition, (d) => {
    const holder = nodeAt(d.workflow, r.source);
    const list = listOf(holder, r.kind, r.key);
    if (list[r.index] === undefined) throw new DesignError('Cette transition n’existe plus.');
    list.splice(r.index, 1);
    setList(holder, r.kind, r.key, list);
  });
}

/** Moves a state's position on the drawing (kept with the draft, no effect on execution). */
export function placeState(definition: Demarche, path: string, position: { x: number; y: number }): Demarche {
  return edit(definition, (d) => {
    d.layout = { ...(d.layout ?? {}), [path]: { x: Math.round(position.x), y: Math.round(position.y) } };
  });
}

/** Every transition of the workflow, with how to address it. */
export function transitionsOf(definition: Demarche): { ref: TransitionRef; pointer: string; targets: (string | null)[]; fields: TransitionFields }[] {
  return targetsByTransition(definition.workflow).map(({ t, resolved }) => {
    const r = ref(t);
    return { ref: r, pointer: t.pointer, targets: resolved, fields: transitionAt(definition, r) };
  });
}
