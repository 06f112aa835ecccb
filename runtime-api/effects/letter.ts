import type { Effect } from '../../engine';
import { Letter, insertRows, type LetterRow } from '../store';
import type { EffectContext } from './context';
import { renderTemplate } from './render';
import type { EffectWrites } from './types';

type LetterEffect = Extract<Effect, { type: 'letter' }>;

/** A courrier to check: rendered now, sent only when an agent has read it. Its id is the effect's. */
export async function letter(ctx: EffectContext, effect: LetterEffect): Promise<EffectWrites> {
  const rendered = renderTemplate(ctx.definition, effect.template, ctx.scope);
  return async (m) => {
    if (!ctx.origin.inTransition && (await m.existsBy(Letter, { id: ctx.origin.id }))) return;
    const row: LetterRow = {
      id: ctx.origin.id, dossierId: ctx.dossier.id, template: effect.template, recipient: effect.to,
      subject: rendered.subject, body: rendered.body, status: 'a_verifier', createdAt: ctx.now, checkedBy: null, sentAt: null,
    };
    await insertRows(m, Letter, [row]);
  };
}
