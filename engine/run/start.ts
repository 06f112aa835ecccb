import { validateData, type Demarche } from '../definition';
import { compile } from '../compile';
import type { StartInput } from '../dossier';
import { consequences } from './consequences';
import { instant, quoteList, reject } from './rejection';
import type { Outcome, StartOptions } from './types';

/**
 * Files a new dossier: validates the form data, then enters the workflow's initial states.
 * Returns the first snapshot with its history entry, timers and effects, or a rejection.
 */
export function start(definition: Demarche, options: StartOptions): Outcome {
  const compiled = compile(definition);
  const now = instant(options.now);
  const roles = Object.keys(definition.roles);
  // The citizen files; an agent at the desk may file on their behalf.
  const role = options.actor.roles.includes('usager') ? 'usager' : options.actor.roles.find((r) => roles.includes(r));
  if (!role) {
    return reject('forbidden', `Vous ne pouvez pas déposer de dossier « ${definition.title} » : il faut l’un des rôles ${quoteList(roles)}.`);
  }
  const errors = validateData(definition.form.schema, options.data);
  if (errors.length > 0) {
    return reject('invalid_data', `Le formulaire contient ${errors.length} erreur${errors.length > 1 ? 's' : ''} : corrigez les champs signalés.`, errors);
  }
  const input: StartInput = { data: options.data, pieces: options.pieces ?? {}, role, actorId: options.actor.id, now };
  const [snapshot, actions] = compiled.first(input);
  return consequences(compiled, null, snapshot, actions, { type: 'xstate.init', payload: {}, actorId: options.actor.id, role, now });
}
