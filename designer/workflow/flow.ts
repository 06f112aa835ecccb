import type { Edge, Node } from '@xyflow/react';
import type { Demarche } from '../../engine';
import type { Selection } from '../selection';
import { transitionEdgeId, type GraphEdge, type StateNodeData, type WorkflowGraph } from './graph';
import { ANYWHERE_SIZE, GROUP_HEADER, STATE_SIZE, type Layout, type Point } from './layout';

export type StateFlowNode = Node<StateNodeData, 'state' | 'group' | 'anywhere'>;

export interface TransitionEdgeData extends Omit<GraphEdge, 'id' | 'source' | 'target'> {
  /** elk's route (absolute), valid while both ends stay where elk put them. */
  route?: Point[];
  labelAt?: Point;
  /** Where both ends were when the route was computed, to drop it as soon as one moves. */
  anchors?: { source: Point; target: Point };
  [key: string]: unknown;
}

export type TransitionFlowEdge = Edge<TransitionEdgeData, 'transition'>;

const same = (a: Point | undefined, b: Point | undefined) => !!a && !!b && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;

export function isSelectedEdge(selection: Selection, edge: Pick<GraphEdge, 'ref'>): boolean {
  if (selection?.kind !== 'transition') return false;
  const a = selection.ref;
  const b = edge.ref;
  return a.source === b.source && a.kind === b.kind && (a.key ?? '') === (b.key ?? '') && a.index === b.index;
}

/**
 * The nodes and edges xyflow draws: positions kept in the definition first, elk's for the rest
 * (relative to the enclosing state), groups grown to hold their sub-states, the selection marked.
 */
export function flowElements(
  graph: WorkflowGraph, layout: Layout | null, stored: Demarche['layout'], selection: Selection,
): { nodes: StateFlowNode[]; edges: TransitionFlowEdge[] } {
  const positions = new Map<string, Point>();
  graph.nodes.forEach((n, i) => {
    positions.set(n.id, stored?.[n.id] ?? layout?.positions.get(n.id) ?? { x: 0, y: i * (STATE_SIZE.height + 40) });
  });
  // Sizes, innermost groups first, so that each group holds its sub-states wherever they were dragged.
  const sizes = new Map<string, { width: number; height: number }>();
  for (const n of [...graph.nodes].reverse()) {
    if (n.kind !== 'group') {
      sizes.set(n.id, n.kind === 'anywhere' ? ANYWHERE_SIZE : STATE_SIZE);
      continue;
    }
    const own = layout?.sizes.get(n.id) ?? { width: STATE_SIZE.width + 40, height: STATE_SIZE.height + GROUP_HEADER + 20 };
    let { width, height } = own;
    for (const child of graph.nodes.filter((c) => c.parent === n.id)) {
      const p = positions.get(child.id)!;
      const s = sizes.get(child.id)!;
      width = Math.max(width, p.x + s.width + 20);
      height = Math.max(height, p.y + s.height + 20);
    }
    sizes.set(n.id, { width, height });
  }
  const absolute = (id: string, from: Map<string, Point>): Point | undefined => {
    const node = graph.nodes.find((n) => n.id === id);
    const p = from.get(id);
    if (!node || !p) return undefined;
    if (node.parent === null) return p;
    const q = absolute(node.parent, from);
    return q && { x: p.x + q.x, y: p.y + q.y };
  };
  const moved = new Set(graph.nodes.filter((n) => !same(absolute(n.id, positions), layout ? absolute(n.id, layout.positions) : undefined)).map((n) => n.id));

  const nodes: StateFlowNode[] = graph.nodes.map((n) => ({
    id: n.id,
    type: n.kind,
    position: positions.get(n.id)!,
    data: n.data,
    ...(n.parent !== null ? { parentId: n.parent, extent: 'parent' as const } : {}),
    ...(n.kind === 'group' ? { style: { width: sizes.get(n.id)!.width, height: sizes.get(n.id)!.height } } : {}),
    selected: selection?.kind === 'state' && selection.path === n.id,
    ariaLabel: n.kind === 'anywhere' ? 'À tout moment : transitions possibles depuis n’importe quelle étape' : `Étape ${n.data.label} (${n.data.key})`,
    connectable: n.data.type !== 'final',
  }));

  const edges: TransitionFlowEdge[] = graph.edges.map(({ id, source, target, ...rest }) => {
    const route = layout?.routes.get(id);
    const fresh = route && !moved.has(source) && !moved.has(target);
    return {
      id, source, target, type: 'transition',
      selected: isSelectedEdge(selection, rest),
      ariaLabel: `Transition ${rest.label}, de ${graph.nodes.find((n) => n.id === source)?.data.label} vers ${graph.nodes.find((n) => n.id === target)?.data.label}`,
      data: {
        ...rest,
        ...(fresh ? { route: route.points, labelAt: route.label, anchors: { source: absolute(source, positions)!, target: absolute(target, positions)! } } : {}),
      },
    };
  });
  return { nodes, edges };
}

/** The id of the node or edge a selection points at, for centering the view on it. */
export function selectedElementId(selection: Selection): string | null {
  if (selection?.kind === 'state') return selection.path;
  if (selection?.kind === 'transition') return transitionEdgeId(selection.ref);
  return null;
}
