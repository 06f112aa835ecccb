import { parseReservedEvent, resolveTarget, stateGraph, type Demarche, type StateMeta, type StateNodeInfo, type TransitionInfo } from '../../engine';
import type { TransitionRef } from '../model';
import { timerLabel } from './durations';

/** The pseudo-node drawn for the transitions of the workflow itself, possible from any step. */
export const ANYWHERE = '*';

/** What a state node shows. */
export interface StateNodeData {
  path: string;
  key: string;
  label: string;
  type: StateNodeInfo['type'];
  /** The state its parent (or the workflow) starts in. */
  initial: boolean;
  /** A region of a parallel state: it runs alongside its siblings. */
  region: boolean;
  outcome?: StateMeta['outcome'];
  roles: string[];
  serviceLevel?: string;
  [key: string]: unknown;
}

export interface GraphNode {
  id: string;
  /** The enclosing state's path, null at the top level. */
  parent: string | null;
  /** A state with sub-states is drawn as a group around them. */
  kind: 'state' | 'group' | 'anywhere';
  data: StateNodeData;
}

export interface GraphEdge {
  id: string;
  source: string;
  /** The target state; the source itself for a transition that stays (actions only). */
  target: string;
  ref: TransitionRef;
  trigger: TransitionRef['kind'];
  /** What sends it, in French: the event's label, « après 15 jours », « automatiquement »… */
  label: string;
  /** The event's technical name, when an event triggers it. */
  event?: string;
  guarded: boolean;
  /** No target: the dossier stays where it is and only the actions run. */
  stays: boolean;
  /** The French labels of its actions, in order. */
  actions: string[];
}

export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const OUTCOMES: Record<NonNullable<StateMeta['outcome']>, string> = {
  accepte: 'Acceptée', refuse: 'Refusée', sans_suite: 'Classée sans suite', abandonne: 'Abandonnée',
};

export const outcomeLabel = (outcome: StateMeta['outcome']) => (outcome ? OUTCOMES[outcome] : undefined);

/** What triggers a transition, in French, as its edge says it. */
export function triggerLabel(definition: Demarche, t: Pick<TransitionInfo, 'trigger'>): string {
  const { trigger } = t;
  if (trigger.kind === 'after') return timerLabel(definition, trigger.delay);
  if (trigger.kind === 'always') return 'automatiquement';
  if (trigger.kind === 'done') return 'une fois terminé';
  const reserved = parseReservedEvent(trigger.event);
  if (reserved?.kind === 'pieces') return 'Pièces déposées';
  if (reserved?.kind === 'deadline') {
    const name = definition.deadlines?.[reserved.name]?.label ?? reserved.name;
    return reserved.signal === 'echu' ? `Délai échu : ${name}` : `Alerte avant échéance : ${name}`;
  }
  return definition.events?.[trigger.event]?.label ?? trigger.event;
}

/** A transition's address as the designer's model takes it. */
export function refOf(t: TransitionInfo): TransitionRef {
  const { trigger } = t;
  const key = trigger.kind === 'event' ? trigger.event : trigger.kind === 'after' ? trigger.delay : undefined;
  return { source: t.source.path, kind: trigger.kind, key, index: t.index };
}

/** A stable id for the edge of one target of a transition. */
export function edgeId(ref: TransitionRef, targetIndex = 0): string {
  return [ref.source || ANYWHERE, ref.kind, ref.key ?? '', ref.index, targetIndex].join('|');
}

/** The id of the first edge drawn for a transition (the one to select and center). */
export const transitionEdgeId = (ref: TransitionRef) => edgeId(ref, 0);

/**
 * The statechart as nodes and edges: states (groups for those with sub-states), one edge per
 * target of each transition. Targets that do not resolve are left out (the linter reports them).
 */
export function workflowGraph(definition: Demarche, actionLabel: (type: string) => string = (t) => t): WorkflowGraph {
  const graph = stateGraph(definition.workflow);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const meta = (n: StateNodeInfo) => ('meta' in n.config ? n.config.meta : undefined);

  if (graph.root.transitions.length) {
    nodes.push({
      id: ANYWHERE, parent: null, kind: 'anywhere',
      data: { path: '', key: '', label: 'À tout moment', type: 'atomic', initial: false, region: false, roles: [] },
    });
  }
  for (const node of graph.nodes) {
    if (node.parent === null) continue;
    const m = meta(node);
    nodes.push({
      id: node.path,
      parent: node.parent.path === '' ? null : node.parent.path,
      kind: node.children.length ? 'group' : 'state',
      data: {
        path: node.path, key: node.key, label: m?.label || node.key, type: node.type,
        initial: node.parent.type !== 'parallel' && node.parent.config.initial === node.key,
        region: node.parent.type === 'parallel',
        roles: m?.roles ?? [],
        ...(m?.outcome ? { outcome: m.outcome } : {}),
        ...(m?.serviceLevel ? { serviceLevel: m.serviceLevel } : {}),
      },
    });
  }
  for (const node of graph.nodes) {
    for (const t of node.transitions) {
      const ref = refOf(t);
      const source = node.path || ANYWHERE;
      const base = {
        ref, source, trigger: t.trigger.kind, label: triggerLabel(definition, t),
        ...(t.trigger.kind === 'event' ? { event: t.trigger.event } : {}),
        guarded: t.guard !== undefined,
        actions: t.actions.map((a) => actionLabel(a.type)),
      };
      if (t.targets.length === 0) {
        if (node.path !== '') edges.push({ ...base, id: edgeId(ref), target: source, stays: true });
        continue;
      }
      t.targets.forEach((target, i) => {
        const resolved = resolveTarget(graph, node, target);
        if (resolved && resolved.path !== '') edges.push({ ...base, id: edgeId(ref, i), target: resolved.path, stays: false });
      });
    }
  }
  return { nodes, edges };
}
