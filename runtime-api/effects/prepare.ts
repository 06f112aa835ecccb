/** The effects a transition asks for, each prepared outside the database then written in one transaction. */
import type { Effect } from '../../engine';
import type { EffectContext } from './context';
import { callout } from './callout';
import { document } from './document';
import { letter } from './letter';
import { notify } from './notify';
import { reroute } from './route';
import { PermanentEffectError } from './errors';
import type { EffectWrites } from './types';

export { calloutVariable } from './callout';
export { generatedPath } from './document';
export { NOTHING_TO_WRITE, type EffectWrites } from './types';

/** Does an effect's outside work (render, PDF file, HTTP call) and returns what it writes. */
export function prepareEffect(ctx: EffectContext, effect: Effect): Promise<EffectWrites> {
  switch (effect.type) {
    case 'notify':
      return notify(ctx, effect);
    case 'letter':
      return letter(ctx, effect);
    case 'document':
      return document(ctx, effect);
    case 'route':
      return reroute(ctx);
    case 'callout':
      return callout(ctx, effect);
    default:
      throw new PermanentEffectError(`Effet inconnu : « ${(effect as { type: string }).type} ».`);
  }
}
