import { ancestry, leafPaths, type Demarche, type StateNodeInfo } from '../definition';
import { compile } from '../compile';
import { buildScope } from '../dossier';
import { holds } from '../rules';
import { instant } from './rejection';
import type { AvailableEvent, DossierSnapshot } from './types';

/** A guard that reads the event's payload can only be judged once the payload is known. */
function readsPayload(params: unknown): boolean {
  return JSON.stringify(params ?? null).includes('"event.payload');
}

/**
 * The events this actor may send now, with their payload schemas: those handled by the current
 * states and allowed to one of the actor's roles. `enabled` is false when every way to take the
 * event is blocked by a condition that does not depend on what the actor will enter (documents
 * missing, a date out of range): the UI shows the button greyed out rather than let it fail.
 */
export function available(
  definition: Demarche, snapshot: DossierSnapshot, actor: { roles: readonly string[] }, now: Date | string = new Date(),
): AvailableEvent[] {
  if (snapshot.status === 'done') return [];
  const compiled = compile(definition);
  const leaves = leafPaths(snapshot.value).map((p) => compiled.graph.byPath.get(p)).filter((n): n is StateNodeInfo => !!n);
  const handled = new Set(leaves.flatMap((leaf) => [...(compiled.handledBy.get(leaf.path) ?? [])]));
  const at = instant(now);
  const out: AvailableEvent[] = [];
  for (const [type, event] of Object.entries(definition.events)) {
    if (!handled.has(type)) continue;
    const role = actor.roles.find((r) => event.roles.includes(r));
    if (!role) continue;
    const scope = buildScope(definition, snapshot.context, at, { type, payload: {}, role });
    const transitions = leaves.flatMap((leaf) => ancestry(leaf).flatMap((n) => n.transitions))
      .filter((t) => t.trigger.kind === 'event' && t.trigger.event === type);
    const enabled = transitions.some((t) => !t.guard || readsPayload(t.guard.params) || holds(t.guard.params ?? {}, scope));
    out.push({
      type,
      label: event.label,
      description: event.description,
      confirm: event.confirm,
      payload: event.payload,
      uiSchema: event.uiSchema,
      role,
      enabled,
    });
  }
  return out;
}
