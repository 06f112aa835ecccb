import '@xyflow/react/dist/style.css';
import './workflow.css';
import {
  Background, Controls, MarkerType, ReactFlow, ReactFlowProvider, applyNodeChanges, useReactFlow,
  type Connection, type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ACTIONS, type Demarche, type RoutingTable } from '../../engine';
import { addTransition, ensureEvent, placeState, resetLayout, slugify } from '../model';
import type { Selection } from '../selection';
import { Canvas, type CanvasContext } from './context';
import { flowElements, selectedElementId, type StateFlowNode, type TransitionFlowEdge } from './flow';
import { ANYWHERE, workflowGraph } from './graph';
import { GroupNode } from './GroupNode';
import { Inspector } from './Inspector';
import { layoutGraph, type Direction, type Layout } from './layout';
import { AnywhereNode, StateNode } from './StateNode';
import { TransitionEdge } from './TransitionEdge';

export interface WorkflowEditorProps {
  definition: Demarche;
  /** A new definition after an edit (the designer keeps it in its undo history). */
  onChange: (next: Demarche) => void;
  selection: Selection;
  onSelect: (selection: Selection) => void;
  routing?: RoutingTable;
}

const nodeTypes = { state: StateNode, group: GroupNode, anywhere: AnywhereNode };
const edgeTypes = { transition: TransitionEdge };
const actionLabel = (type: string) => ACTIONS[type]?.label ?? type;

/** xyflow's built-in texts, in French. */
const ARIA_LABELS = {
  'node.a11yDescription.default': 'Appuyez sur Entrée ou Espace pour sélectionner une étape et l’ouvrir dans l’inspecteur.',
  'node.a11yDescription.keyboardDisabled': 'Appuyez sur Entrée ou Espace pour sélectionner une étape.',
  'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) => `Étape déplacée (${direction}) : x ${x}, y ${y}.`,
  'edge.a11yDescription.default': 'Appuyez sur Entrée ou Espace pour sélectionner la transition.',
  'controls.ariaLabel': 'Commandes du zoom',
  'controls.zoomIn.ariaLabel': 'Zoomer',
  'controls.zoomOut.ariaLabel': 'Dézoomer',
  'controls.fitView.ariaLabel': 'Afficher tout le parcours',
  'controls.interactive.ariaLabel': 'Verrouiller ou déverrouiller le schéma',
  'minimap.ariaLabel': 'Vue d’ensemble',
  'handle.ariaLabel': 'Point de connexion',
};

/** The shape of the graph elk cares about: a label edit does not lay the drawing out again. */
function structureKey(graph: ReturnType<typeof workflowGraph>): string {
  return JSON.stringify([graph.nodes.map((n) => [n.id, n.parent, n.kind]), graph.edges.map((e) => [e.id, e.source, e.target, e.label])]);
}

function sameSelection(a: Selection, b: Selection): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A new event name for a transition drawn from one state to another: « vers_<target> », made unique. */
function drawnEventName(definition: Demarche, target: string): string {
  const stem = `vers_${slugify(target.slice(target.lastIndexOf('.') + 1))}`.slice(0, 60);
  let name = stem;
  for (let n = 2; definition.events[name]; n++) name = `${stem}_${n}`;
  return name;
}

function Editor({ definition, onChange, selection, onSelect }: WorkflowEditorProps) {
  const flow = useReactFlow<StateFlowNode, TransitionFlowEdge>();
  const [direction, setDirection] = useState<Direction>('DOWN');
  const [layout, setLayout] = useState<Layout | null>(null);
  const [layoutError, setLayoutError] = useState<string | null>(null);
  const [addingChild, setAddingChild] = useState<string | null>(null);
  const graph = useMemo(() => workflowGraph(definition, actionLabel), [definition]);
  const structure = structureKey(graph);
  const graphRef = useRef(graph);
  graphRef.current = graph;

  useEffect(() => {
    let live = true;
    layoutGraph(graphRef.current, direction)
      .then((l) => { if (live) { setLayout(l); setLayoutError(null); } })
      .catch((e: Error) => { if (live) setLayoutError(`La disposition automatique a échoué : ${e.message}`); });
    return () => { live = false; };
  }, [structure, direction]);

  const elements = useMemo(() => flowElements(graph, layout, definition.layout, selection), [graph, layout, definition.layout, selection]);
  const [nodes, setNodes] = useState<StateFlowNode[]>(elements.nodes);
  useEffect(() => setNodes(elements.nodes), [elements.nodes]);

  // Fit the whole drawing once elk has placed it the first time.
  const fitted = useRef(false);
  useEffect(() => {
    if (layout && !fitted.current) {
      fitted.current = true;
      requestAnimationFrame(() => { void flow.fitView({ padding: 0.1, duration: 0 }); });
    }
  }, [layout, flow]);

  // A selection made elsewhere (a lint problem clicked, the inspector's links): show that node or edge.
  const localSelect = useRef<Selection | undefined>(undefined);
  useEffect(() => {
    const id = selectedElementId(selection);
    if (!id || !layout) return;
    if (localSelect.current !== undefined && sameSelection(localSelect.current, selection)) return;
    localSelect.current = undefined;
    const node = flow.getInternalNode(selection?.kind === 'state' ? selection.path : '');
    if (node) {
      const { x, y } = node.internals.positionAbsolute;
      void flow.setCenter(x + (node.measured.width ?? 200) / 2, y + (node.measured.height ?? 70) / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
      return;
    }
    const edge = flow.getEdge(id);
    if (edge) void flow.fitView({ nodes: [{ id: edge.source }, { id: edge.target }], padding: 0.4, duration: 300, maxZoom: 1.2 });
  }, [selection, layout, flow]);

  const select = useCallback((next: Selection) => {
    localSelect.current = next;
    if (!sameSelection(next, selection)) onSelect(next);
  }, [onSelect, selection]);

  const onNodesChange = useCallback((changes: NodeChange<StateFlowNode>[]) => {
    // Selection is the designer's (from props), not xyflow's.
    setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== 'select'), current));
    let next = definition;
    for (const c of changes) {
      if (c.type === 'position' && c.position && !c.dragging && c.id !== ANYWHERE) next = placeState(next, c.id, c.position);
    }
    if (next !== definition) onChange(next);
  }, [definition, onChange]);

  // Keyboard: Entrée or Espace on a focused node selects it (xyflow's own selection is not used: the designer's is).
  const onKeyDown = useCallback((e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const target = e.target as HTMLElement;
    if (!target.classList.contains('react-flow__node')) return;
    const id = target.dataset.id;
    if (!id || id === ANYWHERE) return;
    e.preventDefault();
    select({ kind: 'state', path: id });
  }, [select]);

  const onConnect = useCallback((c: Connection) => {
    if (!c.source || !c.target || c.source === ANYWHERE) return;
    try {
      const event = drawnEventName(definition, c.target);
      const created = addTransition(definition, c.source, { kind: 'event', key: event }, c.target);
      onChange(ensureEvent(created.definition, event));
      localSelect.current = undefined;
      onSelect({ kind: 'transition', ref: created.ref });
      // The event is named « vers_… » for now: the inspector opens on its name.
      requestAnimationFrame(() => (document.getElementById('transition-evenement') as HTMLInputElement | null)?.select());
    } catch (e) {
      setLayoutError((e as Error).message);
    }
  }, [definition, onChange, onSelect]);

  const canvas: CanvasContext = useMemo(() => ({
    direction, select, addChild: (path) => { select({ kind: 'state', path }); setAddingChild(path); },
  }), [direction, select]);

  return (
    <Canvas.Provider value={canvas}>
      <div className="gw-editor">
        <div className="gw-canvas-column">
          <div className="gw-toolbar">
            <SelectDirection value={direction} onChange={setDirection} />
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-refresh-line fr-btn--icon-left" disabled={!definition.layout}
              onClick={() => onChange(resetLayout(definition))}>
              Disposer automatiquement
            </button>
            <p className="fr-text--xs fr-mb-0 gw-legend" aria-hidden="true">
              <span className="gw-legend__event">événement</span> <span className="gw-legend__timer">minuteur</span> <span className="gw-legend__always">automatique</span> ◆ condition
            </p>
          </div>
          {layoutError && <div className="fr-alert fr-alert--error fr-alert--sm" role="alert"><p>{layoutError}</p></div>}
          <div className="gw-canvas" aria-label="Schéma du parcours" role="region" onKeyDown={onKeyDown}>
            <ReactFlow<StateFlowNode, TransitionFlowEdge>
              nodes={nodes}
              edges={elements.edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onNodeClick={(_, n) => select(n.id === ANYWHERE ? null : { kind: 'state', path: n.id })}
              onEdgeClick={(_, e) => e.data && select({ kind: 'transition', ref: e.data.ref })}
              onConnect={onConnect}
              isValidConnection={(c) => c.source !== ANYWHERE}
              defaultEdgeOptions={{ markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } }}
              deleteKeyCode={null}
              edgesFocusable={false}
              minZoom={0.2}
              ariaLabelConfig={ARIA_LABELS}
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={24} />
              <Controls showInteractive={false} />
            </ReactFlow>
          </div>
        </div>
        <Inspector definition={definition} selection={selection} onChange={onChange} onSelect={select}
          addingChild={addingChild} onAddingChildDone={() => setAddingChild(null)} />
      </div>
    </Canvas.Provider>
  );
}

function SelectDirection({ value, onChange }: { value: Direction; onChange: (d: Direction) => void }) {
  return (
    <div className="fr-select-group gw-direction">
      <label className="fr-label" htmlFor="parcours-sens">Sens du schéma</label>
      <select className="fr-select" id="parcours-sens" value={value} onChange={(e) => onChange(e.target.value as Direction)}>
        <option value="DOWN">De haut en bas</option>
        <option value="RIGHT">De gauche à droite</option>
      </select>
    </div>
  );
}

/**
 * The workflow editor: the statechart drawn with xyflow and laid out by elk, edited by direct
 * manipulation (drag to place, drag from a handle to connect) and, for everything, from the
 * inspector beside it — so the keyboard reaches all of it.
 */
export function WorkflowEditor(props: WorkflowEditorProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}
