import { leafPaths, type Demarche, type StateMeta, type StateNodeInfo } from '../definition';
import { compile } from '../compile';
import { buildScope, viewDeadline } from '../dossier';
import type { DossierSnapshot, DossierStatus, StateView } from './types';

function metaOf(node: StateNodeInfo): StateMeta | undefined {
  return (node.config as { meta?: StateMeta }).meta;
}

/** The nearest value of a meta field, from the state up through its ancestors (a region inherits its parent's status). */
function inherited<K extends keyof StateMeta>(node: StateNodeInfo, key: K): StateMeta[K] | undefined {
  for (let n: StateNodeInfo | null = node; n; n = n.parent) {
    const value = metaOf(n)?.[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

function unique<T>(items: (T | undefined)[]): T[] {
  return [...new Set(items.filter((x): x is T => x !== undefined))];
}

/** The dossier's status at `now`: its states with their labels, what the citizen sees and must do, its délais. */
export function describe(definition: Demarche, snapshot: DossierSnapshot, now: Date | string): DossierStatus {
  const at = typeof now === 'string' ? new Date(now).toISOString() : now.toISOString();
  const { graph } = compile(definition);
  const nodes = leafPaths(snapshot.value).map((p) => graph.byPath.get(p)).filter((n): n is StateNodeInfo => !!n);
  const states: StateView[] = nodes.map((node) => ({
    path: node.path,
    label: metaOf(node)?.label ?? node.key,
    citizenStatus: inherited(node, 'citizenStatus'),
    citizenAction: inherited(node, 'citizenAction'),
    roles: metaOf(node)?.roles ?? [],
    serviceLevel: inherited(node, 'serviceLevel'),
  }));
  const done = snapshot.status === 'done';
  const outcome = done ? nodes.map((n) => metaOf(n)?.outcome).find((o) => o !== undefined) : undefined;
  const context = snapshot.context;
  return {
    done,
    outcome,
    states,
    citizenStatus: unique(states.map((s) => s.citizenStatus ?? s.label)).join(' · '),
    citizenActions: done ? [] : unique(states.map((s) => s.citizenAction)),
    deadlines: Object.entries(context.deadlines).flatMap(([name, state]) => {
      const def = definition.deadlines?.[name];
      return def ? [viewDeadline(name, state, def, at)] : [];
    }),
    piecesManquantes: done ? [] : buildScope(definition, context, at).dossier.piecesManquantes,
  };
}
