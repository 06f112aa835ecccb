import { leafPaths, type Demarche } from '../definition';
import { compile } from '../compile';
import type { AvailableEvent, DossierSnapshot } from './types';

/**
 * The events this actor may send now, with their payload schemas: those handled by the current
 * states and allowed to one of the actor's roles. The UI builds its action buttons from them.
 */
export function available(definition: Demarche, snapshot: DossierSnapshot, actor: { roles: readonly string[] }): AvailableEvent[] {
  if (snapshot.status === 'done') return [];
  const compiled = compile(definition);
  const handled = new Set(leafPaths(snapshot.value).flatMap((p) => [...(compiled.handledBy.get(p) ?? [])]));
  const out: AvailableEvent[] = [];
  for (const [type, event] of Object.entries(definition.events)) {
    if (!handled.has(type)) continue;
    const role = actor.roles.find((r) => event.roles.includes(r));
    if (!role) continue;
    out.push({
      type,
      label: event.label,
      description: event.description,
      confirm: event.confirm,
      payload: event.payload,
      uiSchema: event.uiSchema,
      role,
    });
  }
  return out;
}
