import { escapePointer, stateGraph, type Demarche, type RoutingTable } from '../../engine';

/** A place that reads a form field: what it is, in French, and its JSON pointer. */
export interface Reference {
  where: string;
  pointer: string;
}

/** The `data.*` paths a JSON Logic expression reads (its own `var`s and `missing` lists). */
function readsIn(expression: unknown, found: string[] = []): string[] {
  if (Array.isArray(expression)) expression.forEach((e) => readsIn(e, found));
  else if (expression && typeof expression === 'object') {
    for (const [op, args] of Object.entries(expression)) {
      if (op === 'var') {
        const path = Array.isArray(args) ? args[0] : args;
        if (typeof path === 'string') found.push(path);
      } else if (op === 'missing') {
        for (const p of Array.isArray(args) ? args : [args]) if (typeof p === 'string') found.push(p);
      }
      readsIn(args, found);
    }
  }
  return found;
}

const touches = (path: string, field: string) => path === `data.${field}` || path.startsWith(`data.${field}.`);

/**
 * Every condition, action, pièce, letter and routing rule that reads a form field: renaming or
 * removing the field would break them, so the form builder says so before it does.
 */
export function referencesTo(definition: Demarche, field: string, routing?: RoutingTable): Reference[] {
  const refs: Reference[] = [];
  const graph = stateGraph(definition.workflow);
  for (const node of graph.nodes) {
    const name = node.path ? `l’état « ${(node.config as { meta?: { label?: string } }).meta?.label ?? node.path} »` : 'le parcours';
    for (const t of node.transitions) {
      const trigger = t.trigger.kind === 'event' ? `« ${definition.events[t.trigger.event]?.label ?? t.trigger.event} »` : t.trigger.kind === 'after' ? `le minuteur ${t.trigger.delay}` : 'la transition automatique';
      if (t.guard && readsIn(t.guard.params).some((p) => touches(p, field))) refs.push({ where: `Condition de ${trigger} depuis ${name}`, pointer: `${t.pointer}/guard` });
      t.actions.forEach((a, i) => {
        if (readsIn(a.params).some((p) => touches(p, field))) refs.push({ where: `Action « ${a.type} » de ${trigger} depuis ${name}`, pointer: `${t.pointer}/actions/${i}` });
      });
    }
    for (const key of ['entry', 'exit'] as const) {
      ((node.config as unknown as Record<string, { type: string; params?: unknown }[] | undefined>)[key] ?? []).forEach((a, i) => {
        if (readsIn(a.params).some((p) => touches(p, field))) refs.push({ where: `Action « ${a.type} » à ${key === 'entry' ? 'l’entrée' : 'la sortie'} de ${name}`, pointer: `${node.pointer}/${key}/${i}` });
      });
    }
  }
  for (const [id, piece] of Object.entries(definition.pieces ?? {})) {
    if (typeof piece.required === 'object' && readsIn(piece.required).some((p) => touches(p, field))) refs.push({ where: `Pièce « ${piece.label} » (quand elle est exigée)`, pointer: `/pieces/${escapePointer(id)}/required` });
  }
  for (const [id, template] of Object.entries(definition.templates ?? {})) {
    const tags = [...template.body.matchAll(/\{\{\{?\s*[#^]?\s*([\w.]+)\s*\}?\}\}/g)].map((m) => m[1]);
    if (tags.some((p) => touches(p, field))) refs.push({ where: `Modèle « ${template.title} »`, pointer: `/templates/${escapePointer(id)}/body` });
  }
  routing?.rules.forEach((rule, i) => {
    if (readsIn(rule.when).some((p) => touches(p, field))) refs.push({ where: `Règle de routage « ${rule.label} »`, pointer: `/routing/rules/${i}/when` });
  });
  return refs;
}
