import { validateData } from '../../engine';
import type { AppContext } from './context';
import { problems } from '../problems';

/**
 * The JSON body checked against a schema (the same one the OpenAPI document publishes).
 * A body that does not match is refused with each field's French message.
 */
export function body<T>(ctx: AppContext, schema: object): T {
  const value = ctx.state.body;
  if (value === undefined) throw problems.badRequest('Cette requête attend un corps JSON.');
  const errors = validateData(schema, value);
  if (errors.length > 0) throw problems.badRequest('Le corps de la requête ne correspond pas à ce qui est attendu.', errors);
  return value as T;
}
