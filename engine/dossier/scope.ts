import type { Demarche } from '../definition';
import { missingPieces } from './pieces';
import type { DossierContext } from './types';

/** What a JSON Logic condition reads: `{ data, dossier, event, parametres, now }`. */
export interface Scope {
  data: Record<string, unknown>;
  dossier: {
    instruction: Record<string, unknown>;
    pieces: DossierContext['pieces'];
    deadlines: DossierContext['deadlines'];
    submittedAt: string;
    readonly piecesManquantes: string[];
  };
  event?: { type: string; payload: Record<string, unknown>; role: string };
  parametres: Record<string, unknown>;
  now: string;
}

const parameterValues = new WeakMap<Demarche, Record<string, unknown>>();

function parametersOf(definition: Demarche): Record<string, unknown> {
  let values = parameterValues.get(definition);
  if (!values) {
    values = Object.fromEntries(Object.entries(definition.parameters ?? {}).map(([k, p]) => [k, p.value]));
    parameterValues.set(definition, values);
  }
  return values;
}

/** Builds the scope of a condition over a dossier; `piecesManquantes` is computed only when read. */
export function buildScope(
  definition: Demarche,
  context: DossierContext,
  now: string,
  event?: Scope['event'],
): Scope {
  const scope: Scope = {
    data: context.data,
    dossier: {
      instruction: context.instruction,
      pieces: context.pieces,
      deadlines: context.deadlines,
      submittedAt: context.submittedAt,
      get piecesManquantes() {
        // Whether a pièce is required depends on the form only, so this reads the same scope.
        return missingPieces(definition, context, scope);
      },
    },
    event,
    parametres: parametersOf(definition),
    now,
  };
  return scope;
}
