import type ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { WorkflowGraph } from './graph';

export type Direction = 'DOWN' | 'RIGHT';

export const STATE_SIZE = { width: 220, height: 76 };
export const ANYWHERE_SIZE = { width: 160, height: 44 };
/** Room above a group's sub-states for its title. */
export const GROUP_HEADER = 64;
const GROUP_MIN_WIDTH = 380;
const GROUP_PADDING = 20;
const LABEL_HEIGHT = 24;
const LABEL_MAX = 220;

export interface Point { x: number; y: number }

/** Where elk put things: positions relative to the parent (as xyflow wants them), group sizes, and edge routes in absolute coordinates. */
export interface Layout {
  positions: Map<string, Point>;
  sizes: Map<string, { width: number; height: number }>;
  routes: Map<string, { points: Point[]; label?: Point }>;
}

/** The width an edge label takes, estimated from its text (elk needs it to leave room between layers). */
export function labelWidth(text: string): number {
  return Math.min(LABEL_MAX, Math.round(text.length * 6.6) + 28);
}

/** The graph handed to elk: nested nodes as in the statechart, edges with their label sizes, laid out layer by layer. */
export function elkGraph(graph: WorkflowGraph, direction: Direction = 'DOWN'): ElkNode {
  const byParent = new Map<string | null, WorkflowGraph['nodes']>();
  for (const n of graph.nodes) byParent.set(n.parent, [...(byParent.get(n.parent) ?? []), n]);
  const build = (parent: string | null): ElkNode[] => (byParent.get(parent) ?? []).map((n) => (n.kind === 'group'
    ? {
      id: n.id,
      // The regions of a parallel state have no edge between them: layered puts them side by side.
      layoutOptions: {
        'elk.padding': `[top=${GROUP_HEADER},left=${GROUP_PADDING},bottom=${GROUP_PADDING},right=${GROUP_PADDING}]`,
        // Wide enough for the group's title on one or two lines above its sub-states.
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${GROUP_MIN_WIDTH}, ${GROUP_HEADER + STATE_SIZE.height + GROUP_PADDING})`,
      },
      children: build(n.id),
    }
    : { id: n.id, ...(n.kind === 'anywhere' ? ANYWHERE_SIZE : STATE_SIZE) }));
  const edges: ElkExtendedEdge[] = graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target], labels: [{ id: `${e.id}#label`, text: e.label, width: labelWidth(e.label), height: LABEL_HEIGHT }] }));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.json.edgeCoords': 'ROOT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.spacing.nodeNode': '48',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: build(null),
    edges,
  };
}

/**
 * elk is most of the designer's weight (about 400 kB gzipped): it is fetched when a drawing is
 * first laid out, not when the designer opens on its form.
 */
let engine: Promise<InstanceType<typeof ELK>> | null = null;

function collect(node: ElkNode, layout: Layout): void {
  for (const child of node.children ?? []) {
    layout.positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
    layout.sizes.set(child.id, { width: child.width ?? STATE_SIZE.width, height: child.height ?? STATE_SIZE.height });
    collect(child, layout);
  }
  for (const edge of node.edges ?? []) {
    const section = edge.sections?.[0];
    if (!section) continue;
    const label = edge.labels?.[0];
    layout.routes.set(edge.id, {
      points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
      ...(label?.x !== undefined ? { label: { x: label.x + (label.width ?? 0) / 2, y: (label.y ?? 0) + (label.height ?? 0) / 2 } } : {}),
    });
  }
}

/** Lays the statechart out with elk (layered, top-down or left-right). */
export async function layoutGraph(graph: WorkflowGraph, direction: Direction = 'DOWN'): Promise<Layout> {
  engine ??= import('elkjs/lib/elk.bundled.js').then((module) => {
    // A CommonJS module: bundled, its class is `default`; required under Node, it may be one level deeper.
    const exported = module.default as unknown as typeof ELK | { default: typeof ELK };
    const Elk = 'default' in exported ? exported.default : exported;
    return new Elk();
  });
  const result = await (await engine).layout(elkGraph(graph, direction));
  const layout: Layout = { positions: new Map(), sizes: new Map(), routes: new Map() };
  collect(result, layout);
  return layout;
}
