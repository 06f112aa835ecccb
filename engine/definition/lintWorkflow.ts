import type { Demarche } from './demarche.generated';
import { error, warning, type Problem } from './problem';
import { parseReservedEvent } from './reserved';
import { ancestry, resolveTarget, type StateGraph, type StateNodeInfo, type TransitionInfo } from './stateGraph';

function label(node: StateNodeInfo): string {
  return node.path === '' ? 'le workflow' : `l’état « ${node.path} »`;
}

/** The nodes a transition enters, for those of its targets that exist. */
export function targetsOf(graph: StateGraph, t: TransitionInfo): StateNodeInfo[] {
  return t.targets.map((target) => resolveTarget(graph, t.source, target)).filter((n): n is StateNodeInfo => n !== null);
}

/** Checks the shape of the state tree: initial states, final states, parallel regions, targets. */
function lintTree(graph: StateGraph): Problem[] {
  const problems: Problem[] = [];
  const seenIds = new Map<string, string>();
  for (const node of graph.nodes) {
    const config = node.config as unknown as Record<string, unknown>;
    const childKeys = node.children.map((c) => c.key);
    if (typeof config.id === 'string' && node.parent) {
      const other = seenIds.get(config.id);
      if (other !== undefined) {
        problems.push(error('duplicate', `${node.pointer}/id`, `L’identifiant « #${config.id} » est déjà celui de l’état « ${other} » : chaque identifiant doit être unique.`));
      } else seenIds.set(config.id, node.path);
    }
    if (node.type === 'compound' || (node.type !== 'parallel' && node.children.length > 0)) {
      if (node.children.length === 0) {
        problems.push(error('structure', node.pointer, `${cap(label(node))} est composé mais n’a aucun sous-état : ajoutez-en dans « states » ou retirez « type ».`));
      } else if (typeof config.initial !== 'string') {
        problems.push(error('structure', node.pointer, `${cap(label(node))} a des sous-états mais ne dit pas par lequel il commence : ajoutez « initial » (${childKeys.map((k) => `« ${k} »`).join(', ')}).`));
      } else if (!childKeys.includes(config.initial)) {
        problems.push(error('unknown-target', `${node.pointer}/initial`, `L’état initial « ${config.initial} » n’existe pas dans ${label(node)}. Sous-états : ${childKeys.map((k) => `« ${k} »`).join(', ')}.`));
      }
    }
    if (node.type === 'parallel') {
      if (node.children.length === 0) problems.push(error('structure', node.pointer, `${cap(label(node))} est parallèle mais n’a aucune région : ajoutez des sous-états qui s’exécutent en même temps.`));
      if (typeof config.initial === 'string') problems.push(error('structure', `${node.pointer}/initial`, `${cap(label(node))} est parallèle : toutes ses régions démarrent ensemble, retirez « initial ».`));
    }
    if (node.type === 'final') {
      if (node.children.length > 0) problems.push(error('structure', `${node.pointer}/states`, `${cap(label(node))} est final : il ne peut pas avoir de sous-états.`));
      if (node.transitions.length > 0) problems.push(error('structure', node.transitions[0].pointer, `${cap(label(node))} est final : aucune transition n’en part. Retirez-les ou enlevez « type: final ».`));
    }
    if (node.type === 'atomic' && typeof config.initial === 'string') {
      problems.push(warning('structure', `${node.pointer}/initial`, `${cap(label(node))} n’a pas de sous-états : « initial » n’a pas d’effet.`));
    }
    for (const t of node.transitions) {
      t.targets.forEach((target, i) => {
        if (resolveTarget(graph, node, target)) return;
        problems.push(error('unknown-target', t.targetPointers[i], targetMessage(graph, node, target)));
      });
    }
  }
  return problems;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function targetMessage(graph: StateGraph, source: StateNodeInfo, target: string): string {
  if (target.startsWith('#')) {
    const ids = [...graph.byId.keys()];
    return `Aucun état n’a l’identifiant « ${target} ». Identifiants définis : ${ids.length ? ids.map((i) => `« #${i} »`).join(', ') : '(aucun)'}.`;
  }
  if (source.parent === null && !target.startsWith('.')) {
    return `La cible « ${target} » est écrite depuis la racine du workflow : écrivez « .${target} » pour viser un état de premier niveau.`;
  }
  const scope = target.startsWith('.') ? source : source.parent!;
  const options = scope.children.map((c) => c.key);
  return `La cible « ${target} » n’existe pas depuis ${label(source)}. États possibles à ce niveau : ${options.length ? options.map((k) => `« ${k} »`).join(', ') : '(aucun)'}.`;
}

/** Can an event be sent at all: declared with at least one role, or reserved by the engine for a declared délai. */
function eventCanHappen(definition: Demarche, event: string): boolean {
  const reserved = parseReservedEvent(event);
  if (reserved?.kind === 'pieces') return true;
  if (reserved?.kind === 'deadline') return !!definition.deadlines?.[reserved.name];
  const declared = definition.events?.[event];
  return !!declared && Array.isArray(declared.roles) && declared.roles.length > 0;
}

/** Checks that events used by the workflow are declared, and that declared ones are used. */
function lintEvents(definition: Demarche, graph: StateGraph): Problem[] {
  const problems: Problem[] = [];
  const used = new Set<string>();
  for (const node of graph.nodes) {
    for (const t of node.transitions) {
      if (t.trigger.kind !== 'event') continue;
      const event = t.trigger.event;
      used.add(event);
      const reserved = parseReservedEvent(event);
      const at = t.pointer.replace(/\/\d+$/, '');
      if (reserved?.kind === 'deadline' && !definition.deadlines?.[reserved.name]) {
        problems.push(error('unknown-reference', at, `« ${event} » parle du délai « ${reserved.name} », qui n’est pas déclaré dans « deadlines ».`));
      } else if (reserved?.kind === 'timer') {
        problems.push(error('undeclared-event', at, `« ${event} » est réservé aux minuteurs : utilisez « after » dans l’état.`));
      } else if (!reserved && !definition.events?.[event]) {
        problems.push(error('undeclared-event', at, `L’événement « ${event} » n’est pas déclaré dans « events » : déclarez qui peut l’envoyer (roles) et le schéma de ses données (payload).`));
      }
    }
  }
  for (const name of Object.keys(definition.events ?? {})) {
    if (!used.has(name)) problems.push(warning('unused-event', `/events/${name}`, `L’événement « ${name} » est déclaré mais aucune transition ne l’utilise.`));
  }
  return problems;
}

/** States the workflow can enter, ignoring guards. */
function reachable(graph: StateGraph): Set<StateNodeInfo> {
  const seen = new Set<StateNodeInfo>();
  const queue: StateNodeInfo[] = [];
  const enter = (node: StateNodeInfo): void => {
    for (const n of ancestry(node)) if (!seen.has(n)) { seen.add(n); queue.push(n); }
    if (node.type === 'parallel') node.children.forEach(enter);
    else if (node.children.length > 0) {
      const initial = node.children.find((c) => c.key === (node.config as { initial?: string }).initial);
      if (initial && !seen.has(initial)) enter(initial);
    }
  };
  enter(graph.root);
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const t of node.transitions) for (const target of targetsOf(graph, t)) enter(target);
  }
  return seen;
}

/** States from which the dossier can reach a top-level final state (the dossier is closed). */
function closing(graph: StateGraph): Set<StateNodeInfo> {
  const closes = new Set<StateNodeInfo>();
  const leadsOut = (ts: TransitionInfo[]) => ts.some((t) => targetsOf(graph, t).some((n) => closes.has(n)));
  /** A completed node (all its regions, or one final child) fires its onDone. */
  const completes = (node: StateNodeInfo): boolean => {
    if (node === graph.root) return true;
    if (leadsOut(node.transitions.filter((t) => t.trigger.kind === 'done'))) return true;
    const parent = node.parent!;
    if (parent.type === 'parallel') {
      // A region done: the parallel state completes once every region can end.
      return parent.children.every((r) => r.children.some((c) => c.type === 'final')) && completes(parent);
    }
    return false;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of graph.nodes) {
      if (node === graph.root || closes.has(node)) continue;
      let ok = false;
      if (node.type === 'final') ok = completes(node.parent!);
      if (!ok) ok = ancestry(node).some((a) => leadsOut(a.transitions.filter((t) => t.trigger.kind !== 'done')));
      if (!ok && node.children.length > 0) {
        ok = node.type === 'parallel'
          ? node.children.some((c) => closes.has(c))
          : closes.has(node.children.find((c) => c.key === (node.config as { initial?: string }).initial)!);
      }
      if (ok) { closes.add(node); changed = true; }
    }
  }
  return closes;
}

/** Reachability, a way to a final state from every state, and no state that nobody can leave. */
function lintFlow(definition: Demarche, graph: StateGraph): Problem[] {
  const problems: Problem[] = [];
  const reached = reachable(graph);
  const closes = closing(graph);
  for (const node of graph.nodes) {
    if (node === graph.root) continue;
    if (!reached.has(node)) {
      if (reached.has(node.parent!)) {
        problems.push(error('unreachable', node.pointer, `L’état « ${node.path} » n’est jamais atteint : aucune transition n’y mène et ce n’est pas un état initial.`));
      }
      continue;
    }
    if (node.children.length > 0) continue;
    if (!closes.has(node)) {
      problems.push(error('no-final', node.pointer, node.type === 'final'
        ? `L’état final « ${node.path} » termine « ${node.parent!.path} », mais rien ne mène ensuite à la clôture du dossier : ajoutez « onDone » à « ${node.parent!.path} ».`
        : `Depuis l’état « ${node.path} », aucun état final n’est atteignable : le dossier ne pourrait jamais être clos. Ajoutez une transition vers un état final.`));
    }
    if (node.type === 'final') continue;
    const leaves = ancestry(node).flatMap((a) => a.transitions).filter((t) => t.trigger.kind !== 'done');
    const takeable = leaves.some((t) => t.trigger.kind !== 'event' || eventCanHappen(definition, t.trigger.event));
    if (!takeable) {
      problems.push(error('stuck', node.pointer, `Aucun rôle ni minuteur ne peut faire sortir le dossier de l’état « ${node.path} » : ajoutez un événement autorisé à un rôle, un minuteur (« after ») ou marquez l’état final.`));
    }
  }
  return problems;
}

/** Everything the linter checks about the workflow's graph. */
export function lintWorkflow(definition: Demarche, graph: StateGraph): Problem[] {
  const tree = lintTree(graph);
  // Reachability follows the targets: with a broken tree it would only repeat the same mistakes.
  const broken = tree.some((p) => p.severity === 'error');
  return [...tree, ...lintEvents(definition, graph), ...(broken ? [] : lintFlow(definition, graph))];
}
