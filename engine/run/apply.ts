import type { AnyMachineSnapshot } from 'xstate';
import { leafPaths, parseReservedEvent, validateData, type Demarche } from '../definition';
import { compile, type CompiledDemarche } from '../compile';
import { attachPieces, expireDeadline, markWarned, SYSTEM_ROLE, type DossierContext, type MachineEvent, type PieceRef } from '../dossier';
import { consequences, eventLabel } from './consequences';
import { instant, quoteList, reject } from './rejection';
import type { ApplyOptions, DossierEvent, DossierSnapshot, Effect, Outcome, Rejection } from './types';

/** The role under which the actor sends this event, or a rejection. */
function roleFor(compiled: CompiledDemarche, type: string, actorRoles: readonly string[]): string | Rejection {
  const reserved = parseReservedEvent(type);
  if (reserved?.kind === 'timer' || reserved?.kind === 'deadline') {
    return actorRoles.includes(SYSTEM_ROLE) ? SYSTEM_ROLE : reject('forbidden', 'Seul le système envoie les événements de délai et de minuteur.');
  }
  const allowed = reserved?.kind === 'pieces'
    ? [...Object.keys(compiled.definition.roles), SYSTEM_ROLE]
    : compiled.definition.events[type].roles;
  const role = actorRoles.find((r) => allowed.includes(r));
  if (role) return role;
  return reject('forbidden', `Votre rôle ne permet pas « ${eventLabel(compiled, type, {})} ». Rôles autorisés : ${quoteList(allowed)}.`);
}

const PIECE_REF = {
  type: 'object',
  required: ['id', 'name', 'at'],
  properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string' }, at: { type: 'string', format: 'date-time' }, type: { type: 'string' }, size: { type: 'integer', minimum: 0 } },
};

function payloadSchema(compiled: CompiledDemarche, type: string): object {
  const reserved = parseReservedEvent(type);
  if (!reserved) return compiled.definition.events[type].payload;
  if (reserved.kind === 'pieces') {
    const ids = Object.keys(compiled.definition.pieces ?? {});
    return {
      type: 'object',
      required: ['pieces'],
      properties: { pieces: { type: 'object', minProperties: 1, propertyNames: { enum: ids }, additionalProperties: { type: 'array', items: PIECE_REF, minItems: 1 } } },
    };
  }
  return { type: 'object' };
}

function schemaFor(compiled: CompiledDemarche, type: string): object {
  // Built once per compiled definition and event type, so ajv compiles each schema once.
  let cache = schemas.get(compiled);
  if (!cache) schemas.set(compiled, (cache = new Map()));
  let schema = cache.get(type);
  if (!schema) cache.set(type, (schema = payloadSchema(compiled, type)));
  return schema;
}
const schemas = new WeakMap<CompiledDemarche, Map<string, object>>();

/** A state of the workflow by its label, for messages. */
function stateLabels(compiled: CompiledDemarche, value: unknown): string {
  return quoteList(leafPaths(value).map((p) => {
    const meta = (compiled.graph.byPath.get(p)?.config as { meta?: { label?: string } } | undefined)?.meta;
    return meta?.label ?? p;
  }));
}

/**
 * Engine-level bookkeeping of reserved events before the machine sees them: documents attached,
 * a délai's warning given or its expiry recorded. Returns the new context and any effect, or a rejection.
 */
function reserve(compiled: CompiledDemarche, context: DossierContext, type: string, payload: Record<string, unknown>, now: string):
  { context: DossierContext; effects: Effect[] } | Rejection {
  const reserved = parseReservedEvent(type);
  if (reserved?.kind === 'pieces') {
    return { context: { ...context, pieces: attachPieces(context.pieces, payload.pieces as Record<string, PieceRef[]>) }, effects: [] };
  }
  if (reserved?.kind === 'deadline') {
    const state = context.deadlines[reserved.name];
    const definition = compiled.definition.deadlines![reserved.name];
    if (!state || state.status !== 'running') return reject('not_in_state', `Le délai « ${definition.label} » ne court pas.`);
    if (reserved.signal === 'echu') {
      return { context: { ...context, deadlines: { ...context.deadlines, [reserved.name]: expireDeadline(state, now) } }, effects: [] };
    }
    const before = String(payload.before ?? '');
    const warning = definition.warnings?.find((w) => w.before === before);
    if (!warning || state.warned.includes(before)) return reject('not_in_state', `Aucune alerte « ${before} » n’est attendue pour le délai « ${definition.label} ».`);
    const effects: Effect[] = warning.notify
      ? [{ type: 'notify', to: warning.notify, ...(warning.template ? { template: warning.template } : {}), deadline: reserved.name }]
      : [];
    return { context: { ...context, deadlines: { ...context.deadlines, [reserved.name]: markWarned(state, before) } }, effects };
  }
  return { context, effects: [] };
}

/**
 * Applies one event to a dossier: checks that the event exists, that the actor's role may send it,
 * its payload, the current state and the guards, then returns the next snapshot and its
 * consequences — or a rejection, and then nothing changes. Pure: time comes in as `now`.
 */
export function apply(definition: Demarche, snapshot: DossierSnapshot, event: DossierEvent, options: ApplyOptions): Outcome {
  const compiled = compile(definition);
  const now = instant(options.now);
  const type = event.type;
  if (!compiled.eventTypes.has(type)) {
    const known = Object.keys(definition.events);
    return reject('unknown_event', `L’événement « ${type} » n’existe pas dans la démarche « ${definition.title} ». Événements possibles : ${quoteList(known)}.`);
  }
  const role = roleFor(compiled, type, options.actor.roles);
  if (typeof role !== 'string') return role;

  const payload = event.payload ?? {};
  const errors = validateData(schemaFor(compiled, type), payload);
  if (errors.length > 0) {
    return reject('invalid_payload', `Les informations de « ${eventLabel(compiled, type, payload)} » sont incomplètes ou invalides.`, errors);
  }
  if (snapshot.status === 'done') return reject('not_in_state', 'Le dossier est clos : plus aucune action n’est possible.');

  const prepared = reserve(compiled, snapshot.context, type, payload, now);
  if ('ok' in prepared) return prepared;
  const before: AnyMachineSnapshot = compiled.machine.resolveState({ value: snapshot.value, context: prepared.context });
  const reserved = parseReservedEvent(type);
  const handled = leafPaths(snapshot.value).some((p) => compiled.handledBy.get(p)?.has(type));
  const machineEvent: MachineEvent = { type, payload, role, actorId: options.actor.id, now };
  const common = { type, payload, actorId: options.actor.id, role, now };

  if (!handled) {
    // Documents, warnings and expiries count even where the workflow does not react to them.
    if (reserved?.kind === 'pieces' || reserved?.kind === 'deadline') {
      const original = compiled.machine.resolveState({ value: snapshot.value, context: snapshot.context });
      return consequences(compiled, original, before, [], common, prepared.effects);
    }
    return reject('not_in_state', `« ${eventLabel(compiled, type, payload)} » n’est pas possible à l’étape ${stateLabels(compiled, snapshot.value)}.`);
  }
  const [next, actions] = compiled.step(before, machineEvent);
  // XState returns the very same snapshot when no transition was enabled (and no action ran).
  const taken = next !== before || actions.length > 0;
  if (!taken && !reserved) {
    return reject('guard_failed', `Les conditions de « ${eventLabel(compiled, type, payload)} » ne sont pas remplies à l’étape ${stateLabels(compiled, snapshot.value)}.`);
  }
  if (!taken && reserved?.kind === 'timer') {
    return reject('guard_failed', `Le délai « ${eventLabel(compiled, type, payload)} » est écoulé, mais ses conditions ne sont pas remplies.`);
  }
  // An ordinary event leaves the context as it was before the machine runs: the state resolved above is the original one.
  const original = prepared.context === snapshot.context ? before : compiled.machine.resolveState({ value: snapshot.value, context: snapshot.context });
  return consequences(compiled, original, next, actions, common, prepared.effects);
}
