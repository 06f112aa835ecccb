import type { ActionList, Demarche } from './demarche.generated';
import { stateGraph } from './stateGraph';

const routes = (actions: ActionList | undefined) => actions?.some((a) => a.type === 'route') ?? false;

/**
 * The events on which a démarche may route a dossier again (a `route` action), or null when any
 * event may: a state that routes on entry or exit, or a transition without an event (a delay, an
 * eventless or a done transition) that routes, can follow any event. The runtime reads the
 * routing table together with the dossier for these events only.
 */
export function routingEvents(definition: Demarche): ReadonlySet<string> | null {
  const events = new Set<string>();
  for (const node of stateGraph(definition.workflow).nodes) {
    if (routes(node.config.entry) || routes(node.config.exit)) return null;
    for (const t of node.transitions) {
      if (!routes(t.actions)) continue;
      if (t.trigger.kind !== 'event') return null;
      events.add(t.trigger.event);
    }
  }
  return events;
}
