import { createActor, setup, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import {
  PIECES_EVENT, deadlineEvent, leaves, stateGraph, timerEvent,
  type Demarche, type State, type StateGraph, type StateNodeInfo, type Workflow,
} from '../definition';
import type { CalendarKind } from '../rules';
import type { DossierContext, MachineEvent, StartInput } from '../dossier';
import { ARM_TIMERS, CANCEL_TIMERS, implementations } from './catalogue';

/** A state's timer: which event it sends, after which duration counted in which calendar. */
export interface StateTimer {
  event: string;
  duration: string;
  calendar: CalendarKind;
  label: string;
}

/** A definition made ready to run: its XState machine and the indexes the engine needs at each event. */
export interface CompiledDemarche {
  definition: Demarche;
  machine: AnyStateMachine;
  graph: StateGraph;
  /** For each leaf state: the event types it or one of its ancestors handles. */
  handledBy: ReadonlyMap<string, ReadonlySet<string>>;
  /** The timers of each state that has some, by state path. */
  timers: ReadonlyMap<string, readonly StateTimer[]>;
  /** Every event type the dossier may receive: declared, reserved (pièces, délais) and timers. */
  eventTypes: ReadonlySet<string>;
  /** Computes one macrostep without an actor: the next snapshot and the actions to report. */
  step(snapshot: AnyMachineSnapshot, event: unknown): [AnyMachineSnapshot, ActionCall[]];
  /** The first macrostep of a new dossier. */
  first(input: StartInput): [AnyMachineSnapshot, ActionCall[]];
}

/** An action XState resolved during a step, with its params. */
export interface ActionCall {
  type: string;
  params?: unknown;
}

/**
 * XState's pure `transition()` builds a throwaway actor (and so a whole initial snapshot) at every
 * call. The scope it needs holds nothing between calls, so one is built per machine and reused:
 * the same computation, without the waste. Steps are synchronous, so the collector is never shared.
 */
function stepper(machine: AnyStateMachine) {
  const self = createActor(machine);
  let collected: ActionCall[] = [];
  const scope = {
    self, defer: () => undefined, id: '', logger: () => undefined, sessionId: '', stopChild: () => undefined,
    system: self.system, emit: () => undefined,
    actionExecutor: (action: ActionCall) => { collected.push(action); },
  } as unknown as AnyActorScope;
  const run = <T>(compute: () => T): [T, ActionCall[]] => {
    collected = [];
    const result = compute();
    const actions = collected;
    collected = [];
    return [result, actions];
  };
  return {
    step: (snapshot: AnyMachineSnapshot, event: unknown) => run(() => machine.transition(snapshot, event as never, scope) as AnyMachineSnapshot),
    first: (input: StartInput) => run(() => machine.getInitialSnapshot(scope, input) as AnyMachineSnapshot),
  };
}

/** A definition that cannot be turned into a machine; lint it to see why. */
export class DefinitionError extends Error {
  constructor(readonly demarche: string, readonly version: number, message: string, options?: { cause?: unknown }) {
    super(`Démarche « ${demarche} » v${version} : ${message}`, options);
    this.name = 'DefinitionError';
  }
}

function stateTimers(definition: Demarche, node: StateNodeInfo): StateTimer[] {
  const after = (node.config as State).after ?? {};
  return Object.keys(after).map((key) => {
    const named = definition.delays?.[key];
    return {
      event: timerEvent(node.path, key),
      duration: named?.duration ?? key,
      calendar: named?.calendar ?? 'calendaires',
      label: named?.label ?? key,
    };
  });
}

/** The XState config of one state: `after` becomes explicit timer events, armed on entry and cancelled on exit. */
function machineState(definition: Demarche, node: StateNodeInfo): Record<string, unknown> {
  const { after, states, ...rest } = node.config as State & Workflow;
  const config: Record<string, unknown> = { ...rest };
  if (states) config.states = Object.fromEntries(node.children.map((c) => [c.key, machineState(definition, c)]));
  if (after && Object.keys(after).length > 0) {
    const on: Record<string, unknown> = { ...(rest.on ?? {}) };
    for (const [key, transitions] of Object.entries(after)) on[timerEvent(node.path, key)] = transitions;
    config.on = on;
    config.entry = [...(rest.entry ?? []), { type: ARM_TIMERS, params: { state: node.path } }];
    config.exit = [{ type: CANCEL_TIMERS, params: { state: node.path } }, ...(rest.exit ?? [])];
  }
  return config;
}

function initialContext({ input }: { input: StartInput | undefined }): DossierContext {
  // XState's pure transition() builds a throwaway actor, hence an initial context, without input.
  if (!input) return { data: {}, instruction: {}, pieces: {}, requestedPieces: {}, deadlines: {}, submittedAt: '' };
  return { data: input.data, instruction: {}, pieces: input.pieces, requestedPieces: {}, deadlines: {}, submittedAt: input.now };
}

function build(definition: Demarche): CompiledDemarche {
  const graph = stateGraph(definition.workflow);
  const root = machineState(definition, graph.root);
  let machine: AnyStateMachine;
  try {
    machine = setup({
      types: {} as { context: DossierContext; events: MachineEvent; input: StartInput },
      ...implementations(definition),
    } as never).createMachine({ ...root, id: definition.id, context: initialContext } as never) as unknown as AnyStateMachine;
  } catch (cause) {
    throw new DefinitionError(definition.id, definition.version, `le workflow ne se compile pas (${(cause as Error).message}). Lancez « guichet lint » pour le détail.`, { cause });
  }

  const timers = new Map<string, StateTimer[]>();
  const eventTypes = new Set<string>([...Object.keys(definition.events ?? {}), PIECES_EVENT]);
  for (const name of Object.keys(definition.deadlines ?? {})) {
    eventTypes.add(deadlineEvent(name, 'echu'));
    eventTypes.add(deadlineEvent(name, 'alerte'));
  }
  for (const node of graph.nodes) {
    const list = stateTimers(definition, node);
    if (list.length > 0) timers.set(node.path, list);
    list.forEach((t) => eventTypes.add(t.event));
  }
  const handledBy = new Map<string, Set<string>>();
  for (const leaf of leaves(graph.root)) {
    const events = new Set<string>();
    for (let n: StateNodeInfo | null = leaf; n; n = n.parent) {
      for (const t of n.transitions) {
        if (t.trigger.kind === 'event') events.add(t.trigger.event);
        else if (t.trigger.kind === 'after') events.add(timerEvent(n.path, t.trigger.delay));
      }
    }
    handledBy.set(leaf.path, events);
  }
  return { definition, machine, graph, handledBy, timers, eventTypes, ...stepper(machine) };
}

const cache = new Map<string, CompiledDemarche>();

/**
 * Compiles a definition to an XState machine, once per démarche id and version. A different
 * object under the same id and version (a draft being edited) is compiled again and replaces it.
 */
export function compile(definition: Demarche): CompiledDemarche {
  const key = `${definition.id}@${definition.version}`;
  const cached = cache.get(key);
  if (cached && cached.definition === definition) return cached;
  const compiled = build(definition);
  cache.set(key, compiled);
  return compiled;
}
