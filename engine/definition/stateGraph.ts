import type { Action, Guard, State, Transition, Transitions, Workflow } from './demarche.generated';

/** A state of the workflow with its place in the tree. The root (the workflow itself) has path ''. */
export interface StateNodeInfo {
  /** Dotted path from the root, e.g. `instruction.attente_pieces`. */
  path: string;
  /** JSON pointer of the state in the definition. */
  pointer: string;
  key: string;
  parent: StateNodeInfo | null;
  type: 'atomic' | 'compound' | 'parallel' | 'final';
  children: StateNodeInfo[];
  config: State | Workflow;
  /** The transitions leaving this very node (not its ancestors'). */
  transitions: TransitionInfo[];
}

/** What triggers a transition. */
export type Trigger =
  | { kind: 'event'; event: string }
  | { kind: 'after'; delay: string }
  | { kind: 'always' }
  | { kind: 'done' };

export interface TransitionInfo {
  source: StateNodeInfo;
  trigger: Trigger;
  pointer: string;
  /** Its rank among the transitions of the same trigger (0 when the trigger has only one). */
  index: number;
  /** The targets as written. */
  targets: string[];
  /** JSON pointers of each target (a bare-string transition is its own target). */
  targetPointers: string[];
  guard?: Guard;
  actions: Action[];
  reenter: boolean;
}

/** The workflow as a tree, with an index by path and by custom id. */
export interface StateGraph {
  root: StateNodeInfo;
  byPath: Map<string, StateNodeInfo>;
  byId: Map<string, StateNodeInfo>;
  /** Every node in document order, root first. */
  nodes: StateNodeInfo[];
}

function asList(transitions: Transitions | undefined): Transition[] {
  if (transitions === undefined) return [];
  return Array.isArray(transitions) ? transitions : [transitions];
}

/** JSON pointer escaping of one reference token (RFC 6901). */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function readTransitions(node: StateNodeInfo, trigger: Trigger, value: Transitions | undefined, pointer: string): TransitionInfo[] {
  const many = Array.isArray(value);
  return asList(value).map((t, i) => {
    const at = many ? `${pointer}/${i}` : pointer;
    if (typeof t === 'string') {
      return { source: node, trigger, pointer: at, index: i, targets: [t], targetPointers: [at], actions: [], reenter: false };
    }
    const targets = t.target === undefined ? [] : Array.isArray(t.target) ? t.target : [t.target];
    const targetPointers = Array.isArray(t.target) ? targets.map((_, j) => `${at}/target/${j}`) : targets.map(() => `${at}/target`);
    return { source: node, trigger, pointer: at, index: i, targets, targetPointers, guard: t.guard, actions: t.actions ?? [], reenter: t.reenter ?? false };
  });
}

function nodeType(config: State | Workflow, isRoot: boolean): StateNodeInfo['type'] {
  if (!isRoot && 'type' in config && config.type) return config.type;
  if (isRoot && 'type' in config && (config as State).type === 'parallel') return 'parallel';
  return config.states && Object.keys(config.states).length > 0 ? 'compound' : 'atomic';
}

/** Builds the state tree of a workflow. Tolerant: it reads what is there, the linter says what is wrong. */
export function stateGraph(workflow: Workflow): StateGraph {
  const byPath = new Map<string, StateNodeInfo>();
  const byId = new Map<string, StateNodeInfo>();
  const nodes: StateNodeInfo[] = [];

  const visit = (config: State | Workflow, key: string, parent: StateNodeInfo | null, pointer: string): StateNodeInfo => {
    const path = parent === null ? '' : parent.path === '' ? key : `${parent.path}.${key}`;
    const node: StateNodeInfo = {
      path, pointer, key, parent, type: nodeType(config, parent === null), children: [], config, transitions: [],
    };
    byPath.set(path, node);
    nodes.push(node);
    if (config.id && parent !== null && !byId.has(config.id)) byId.set(config.id, node);
    for (const [event, value] of Object.entries(config.on ?? {})) {
      node.transitions.push(...readTransitions(node, { kind: 'event', event }, value, `${pointer}/on/${escapePointer(event)}`));
    }
    if ('after' in config) {
      for (const [delay, value] of Object.entries(config.after ?? {})) {
        node.transitions.push(...readTransitions(node, { kind: 'after', delay }, value, `${pointer}/after/${escapePointer(delay)}`));
      }
    }
    if ('always' in config) node.transitions.push(...readTransitions(node, { kind: 'always' }, config.always, `${pointer}/always`));
    if ('onDone' in config) node.transitions.push(...readTransitions(node, { kind: 'done' }, config.onDone, `${pointer}/onDone`));
    for (const [childKey, child] of Object.entries(config.states ?? {})) {
      node.children.push(visit(child, childKey, node, `${pointer}/states/${escapePointer(childKey)}`));
    }
    return node;
  };

  const root = visit(workflow, '', null, '/workflow');
  return { root, byPath, byId, nodes };
}

/**
 * Resolves a transition target as XState does: `#id` by id, `.child` below the source,
 * otherwise a sibling of the source (then its descendants). Null when it does not exist.
 */
export function resolveTarget(graph: StateGraph, source: StateNodeInfo, target: string): StateNodeInfo | null {
  if (target.startsWith('#')) {
    const [id, ...rest] = target.slice(1).split('.');
    const start = graph.byId.get(id);
    return start ? descend(start, rest) : null;
  }
  if (target.startsWith('.')) return descend(source, target.slice(1).split('.'));
  if (source.parent === null) return null; // XState refuses bare names from the root: write ".name".
  return descend(source.parent, target.split('.'));
}

function descend(from: StateNodeInfo, keys: string[]): StateNodeInfo | null {
  let node: StateNodeInfo | undefined = from;
  for (const key of keys) {
    node = node.children.find((c) => c.key === key);
    if (!node) return null;
  }
  return node;
}

/** The node itself and its ancestors, innermost first. */
export function ancestry(node: StateNodeInfo): StateNodeInfo[] {
  const chain: StateNodeInfo[] = [];
  for (let n: StateNodeInfo | null = node; n; n = n.parent) chain.push(n);
  return chain;
}

/** The atomic and final states below a node (the node itself when it has no children). */
export function leaves(node: StateNodeInfo): StateNodeInfo[] {
  return node.children.length === 0 ? [node] : node.children.flatMap(leaves);
}

/** Paths of the active leaf states of an XState state value. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix ? `${prefix}.${value}` : value];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}
