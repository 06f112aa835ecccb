import { DEMARCHES } from '../../definitions';
import { addTransition, placeState } from '../../designer';
import { minimalDemarche } from '../fixtures/minimal';
// The workflow editor's pure parts, file by file: its index also brings xyflow and React components.
// eslint-disable-next-line no-restricted-imports
import { delayInWords, durationInWords, parseDuration, timerLabel } from '../../designer/workflow/durations';
// eslint-disable-next-line no-restricted-imports
import { ANYWHERE, workflowGraph, transitionEdgeId } from '../../designer/workflow/graph';
// eslint-disable-next-line no-restricted-imports
import { elkGraph, layoutGraph, labelWidth } from '../../designer/workflow/layout';
// eslint-disable-next-line no-restricted-imports
import { flowElements, selectedElementId } from '../../designer/workflow/flow';

describe('durations in French', () => {
  it('says ISO durations in words', () => {
    expect(durationInWords('P15D')).toBe('15 jours');
    expect(durationInWords('P1D')).toBe('1 jour');
    expect(durationInWords('P1M')).toBe('1 mois');
    expect(durationInWords('PT48H')).toBe('48 heures');
    expect(durationInWords('P1Y2M')).toBe('1 an et 2 mois');
    expect(durationInWords('P2W')).toBe('2 semaines');
    expect(durationInWords('quinze jours')).toBeNull();
    expect(durationInWords('P')).toBeNull();
  });

  it('labels timers « après … », named delays with their calendar', () => {
    const d = { delays: { relance: { duration: 'P15D', calendar: 'ouvres' as const }, rappel: { duration: 'P1M' } } };
    expect(timerLabel(d, 'P15D')).toBe('après 15 jours');
    expect(timerLabel(d, 'relance')).toBe('après 15 jours ouvrés');
    expect(delayInWords(d, 'rappel')).toBe('1 mois');
    expect(delayInWords(d, 'inconnu')).toBe('inconnu');
  });

  it('reads what the designer types as a duration', () => {
    expect(parseDuration('15 jours')).toBe('P15D');
    expect(parseDuration('1 mois')).toBe('P1M');
    expect(parseDuration('48 h')).toBe('PT48H');
    expect(parseDuration('2 semaines')).toBe('P2W');
    expect(parseDuration('p10d')).toBe('P10D');
    expect(parseDuration('0 jour')).toBeNull();
    expect(parseDuration('bientôt')).toBeNull();
  });
});

describe('definition to nodes and edges', () => {
  const garde = DEMARCHES['garde-alternee'];

  it('draws nested and parallel states as groups inside their parent, with their French label', () => {
    const { nodes } = workflowGraph(garde);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get('instruction')).toMatchObject({ kind: 'group', parent: null, data: { type: 'parallel', initial: true, label: 'Instruction : accord de l’autre parent et contrôle des pièces' } });
    expect(byId.get('instruction.accord_autre_parent')).toMatchObject({ kind: 'group', parent: 'instruction', data: { region: true, initial: false } });
    expect(byId.get('instruction.accord_autre_parent.attente_reponse.sollicite')).toMatchObject({ kind: 'state', parent: 'instruction.accord_autre_parent.attente_reponse', data: { initial: true } });
    expect(byId.get('instruction.accord_autre_parent.accord_obtenu')?.data.type).toBe('final');
    // Parents come before their children, as xyflow requires.
    const order = nodes.map((n) => n.id);
    for (const n of nodes) if (n.parent) expect(order.indexOf(n.parent)).toBeLessThan(order.indexOf(n.id));
  });

  it('labels edges by event label, timer duration, guard and the workflow’s own transitions', () => {
    const { nodes, edges } = workflowGraph(garde, (type) => (type === 'notify' ? 'Notifier' : type));
    const statuer = edges.filter((e) => e.event === 'statuer_sans_reponse');
    expect(statuer.map((e) => [e.label, e.guarded, e.target])).toEqual([
      ['Statuer sans réponse de l’autre parent', true, 'instruction.accord_autre_parent.accord_obtenu'],
      ['Statuer sans réponse de l’autre parent', true, 'instruction.accord_autre_parent.dossier_reserve'],
    ]);
    const relance = edges.find((e) => e.trigger === 'after' && e.source.endsWith('sollicite'))!;
    expect(relance.label).toMatch(/^après /);
    expect(relance.actions).toEqual(['Notifier']);
    const done = edges.find((e) => e.trigger === 'done' && e.source === 'instruction')!;
    expect(done).toMatchObject({ label: 'une fois terminé', target: 'calcul_quotient' });
    // « abandonner » is possible from anywhere: drawn from a pseudo-node.
    expect(nodes[0]).toMatchObject({ id: ANYWHERE, kind: 'anywhere' });
    expect(edges.find((e) => e.event === 'abandonner')).toMatchObject({ source: ANYWHERE, target: 'abandonne', ref: { source: '', kind: 'event', key: 'abandonner', index: 0 } });
  });

  it('shows a timer in words and a transition without target as a loop on its state', () => {
    const d = addTransition(minimalDemarche(), 'depose', { kind: 'event', key: 'noter' }, null).definition;
    const { edges } = workflowGraph(d);
    expect(edges.find((e) => e.trigger === 'after')).toMatchObject({ label: 'après 15 jours', source: 'attente_pieces', target: 'attente_pieces', stays: false });
    expect(edges.find((e) => e.event === 'noter')).toMatchObject({ source: 'depose', target: 'depose', stays: true });
    expect(edges.find((e) => e.event === 'delai.reponse.echu')?.label).toBe('Délai échu : Réponse');
    expect(edges.find((e) => e.event === 'pieces.deposees')?.label).toBe('Pièces déposées');
  });

  it('leaves out edges whose target does not resolve (the linter reports them)', () => {
    const d = minimalDemarche();
    d.workflow.states.depose.on!.accepter = 'nulle_part';
    expect(workflowGraph(d).edges.some((e) => e.event === 'accepter')).toBe(false);
  });
});

describe('layout', () => {
  it('hands elk the nested states and labelled edges, laid out in layers in the chosen direction', () => {
    const garde = DEMARCHES['garde-alternee'];
    const input = elkGraph(workflowGraph(garde), 'RIGHT');
    expect(input.layoutOptions).toMatchObject({ 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' });
    const instruction = input.children!.find((c) => c.id === 'instruction')!;
    expect(instruction.children!.map((c) => c.id)).toEqual(['instruction.accord_autre_parent', 'instruction.verification_pieces']);
    const edge = input.edges!.find((e) => e.id.includes('statuer_sans_reponse'))!;
    expect(edge.labels![0]).toMatchObject({ text: 'Statuer sans réponse de l’autre parent', width: labelWidth('Statuer sans réponse de l’autre parent') });
  });

  it.each(Object.keys(DEMARCHES))('lays out %s: every node placed, groups holding their sub-states, no two top-level states overlapping', async (id) => {
    const graph = workflowGraph(DEMARCHES[id]);
    const layout = await layoutGraph(graph);
    for (const n of graph.nodes) expect(layout.positions.has(n.id)).toBe(true);
    for (const n of graph.nodes.filter((x) => x.parent)) {
      const p = layout.positions.get(n.id)!;
      const s = layout.sizes.get(n.id)!;
      const box = layout.sizes.get(n.parent!)!;
      expect(p.x + s.width).toBeLessThanOrEqual(box.width + 0.5);
      expect(p.y + s.height).toBeLessThanOrEqual(box.height + 0.5);
    }
    const top = graph.nodes.filter((n) => !n.parent).map((n) => ({ ...layout.positions.get(n.id)!, ...layout.sizes.get(n.id)! }));
    for (const a of top) for (const b of top) {
      if (a === b) continue;
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(overlap).toBe(false);
    }
    expect(layout.routes.size).toBe(graph.edges.length);
  });

  it('keeps the positions dragged by the designer, drops elk’s route for the edges that touch them, and grows the group', async () => {
    const d = placeState(minimalDemarche(), 'refuse', { x: 900, y: 40 });
    const graph = workflowGraph(d);
    const layout = await layoutGraph(graph);
    const { nodes, edges } = flowElements(graph, layout, d.layout, { kind: 'state', path: 'depose' });
    expect(nodes.find((n) => n.id === 'refuse')!.position).toEqual({ x: 900, y: 40 });
    expect(nodes.find((n) => n.id === 'accepte')!.position).toEqual(layout.positions.get('accepte'));
    expect(nodes.find((n) => n.id === 'depose')!.selected).toBe(true);
    expect(edges.find((e) => e.data!.event === 'refuser')!.data!.route).toBeUndefined();
    expect(edges.find((e) => e.data!.event === 'accepter')!.data!.route!.length).toBeGreaterThanOrEqual(2);

    const garde = DEMARCHES['garde-alternee'];
    const inner = 'instruction.verification_pieces.controle_pieces';
    const moved = placeState(garde, inner, { x: 2000, y: 1500 });
    const g = workflowGraph(moved);
    const groups = flowElements(g, await layoutGraph(g), moved.layout, null).nodes;
    expect(groups.find((n) => n.id === 'instruction.verification_pieces')!.style).toMatchObject({ width: 2000 + 220 + 20, height: 1500 + 76 + 20 });
    expect(Number(groups.find((n) => n.id === 'instruction')!.style!.width)).toBeGreaterThan(2240);
  });

  it('marks the selected transition’s edges and names the element to center on', () => {
    const d = minimalDemarche();
    const ref = { source: 'depose', kind: 'event' as const, key: 'refuser', index: 0 };
    const { edges } = flowElements(workflowGraph(d), null, undefined, { kind: 'transition', ref });
    expect(edges.filter((e) => e.selected).map((e) => e.id)).toEqual([transitionEdgeId(ref)]);
    expect(selectedElementId({ kind: 'transition', ref })).toBe(transitionEdgeId(ref));
    expect(selectedElementId({ kind: 'state', path: 'depose' })).toBe('depose');
    expect(selectedElementId({ kind: 'field', key: 'nom' })).toBeNull();
  });
});
