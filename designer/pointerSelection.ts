import { stateGraph, type Demarche } from '../engine';
import { fieldKeys } from './model';
import type { Selection } from './selection';

/** The designer's tabs. */
export type DesignerTab = 'formulaire' | 'parcours' | 'essayer' | 'publier';

/** Where a JSON pointer leads in the designer: the tab that shows it and what to select there. */
export interface Target {
  tab: DesignerTab;
  selection: Selection;
}

const unescape = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');
const tokensOf = (pointer: string) => (pointer === '' ? [] : pointer.slice(1).split('/').map(unescape));
/** `pointer` is `prefix` or inside it (whole tokens only: /a/b is not inside /a/bc). */
const within = (pointer: string, prefix: string) => pointer === prefix || pointer.startsWith(`${prefix}/`);

function workflowTarget(definition: Demarche, pointer: string): Target {
  const graph = stateGraph(definition.workflow);
  // The deepest part holding the pointer: a transition first (it sits inside its state), then a state.
  const transitions = graph.nodes.flatMap((n) => n.transitions).filter((t) => within(pointer, t.pointer));
  const transition = transitions.sort((a, b) => b.pointer.length - a.pointer.length)[0];
  if (transition) {
    const { trigger } = transition;
    const key = trigger.kind === 'event' ? trigger.event : trigger.kind === 'after' ? trigger.delay : undefined;
    return { tab: 'parcours', selection: { kind: 'transition', ref: { source: transition.source.path, kind: trigger.kind, ...(key !== undefined ? { key } : {}), index: transition.index } } };
  }
  const node = graph.nodes.filter((n) => within(pointer, n.pointer) && n.path !== '').sort((a, b) => b.pointer.length - a.pointer.length)[0];
  return { tab: 'parcours', selection: node ? { kind: 'state', path: node.path } : null };
}

function formTarget(definition: Demarche, tokens: string[]): Target {
  const keys = fieldKeys(definition);
  const field = (key: string | undefined): Target | null => (key !== undefined && keys.includes(key) ? { tab: 'formulaire', selection: { kind: 'field', key } } : null);
  const [, part, ...rest] = tokens;
  if (part === 'pages') {
    const page = definition.form.pages?.[Number(rest[0])];
    if (!page) return { tab: 'formulaire', selection: null };
    if (rest[1] === 'fields' && rest[2] !== undefined) return field(page.fields[Number(rest[2])]) ?? { tab: 'formulaire', selection: { kind: 'page', id: page.id } };
    return { tab: 'formulaire', selection: { kind: 'page', id: page.id } };
  }
  if (part === 'uiSchema') return field(rest[0]) ?? { tab: 'formulaire', selection: null };
  if (part === 'schema') {
    // /form/schema/properties/<key>…, /form/schema/allOf/<i>/then/properties/<key>…, /form/schema/required/<i>
    for (let i = 0; i < rest.length - 1; i++) if (rest[i] === 'properties') return field(rest[i + 1]) ?? { tab: 'formulaire', selection: null };
    if (rest[0] === 'required' && rest[1] !== undefined) {
      const required = (definition.form.schema as { required?: string[] }).required ?? [];
      return field(required[Number(rest[1])]) ?? { tab: 'formulaire', selection: null };
    }
  }
  return { tab: 'formulaire', selection: null };
}

/** The first transition sending an event: where a problem about the event is best fixed. */
function eventTarget(definition: Demarche, event: string): Target {
  const graph = stateGraph(definition.workflow);
  const t = graph.nodes.flatMap((n) => n.transitions).find((x) => x.trigger.kind === 'event' && x.trigger.event === event);
  return { tab: 'parcours', selection: t ? { kind: 'transition', ref: { source: t.source.path, kind: 'event', key: event, index: t.index } } : null };
}

/**
 * What a lint problem is about, from its JSON pointer: the field, page, pièce, state or transition
 * to select, and the tab that shows it. Anything else opens the nearest tab with nothing selected.
 */
export function targetOf(definition: Demarche, pointer: string): Target {
  const tokens = tokensOf(pointer);
  try {
    switch (tokens[0]) {
      case 'form': return formTarget(definition, tokens);
      case 'pieces': return { tab: 'formulaire', selection: tokens[1] !== undefined && definition.pieces?.[tokens[1]] ? { kind: 'piece', id: tokens[1] } : null };
      case 'workflow': return workflowTarget(definition, pointer);
      case 'events': return tokens[1] !== undefined ? eventTarget(definition, tokens[1]) : { tab: 'parcours', selection: null };
      case 'scenarios': return { tab: 'essayer', selection: null };
      case 'roles': case 'deadlines': case 'delays': case 'templates': case 'parameters': return { tab: 'parcours', selection: null };
      default: return { tab: 'formulaire', selection: null };
    }
  } catch {
    // A definition too broken to walk (no workflow, states not objects): the tab is still right.
    return { tab: tokens[0] === 'workflow' || tokens[0] === 'events' ? 'parcours' : 'formulaire', selection: null };
  }
}
