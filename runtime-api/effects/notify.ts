import type { Effect } from '../../engine';
import type { EffectContext } from './context';
import { derivedId } from './ids';
import { deliver, recipientsOf } from './recipients';
import { oneLine, printable, renderTemplate } from './render';
import type { EffectWrites } from './types';

type Notify = Extract<Effect, { type: 'notify' }>;

/** A délai's warning declared without a template still says something useful. */
function deadlineMessage(ctx: EffectContext, name: string | undefined): { subject: string; body: string } {
  const { dossier, definition } = ctx;
  const snapshotDeadlines = (ctx.scope.dossier as { deadlines: Record<string, { dueAt?: string | null }> }).deadlines;
  const label = (name && definition.deadlines?.[name]?.label) || name || 'délai';
  const due = name ? snapshotDeadlines[name]?.dueAt : null;
  return {
    subject: oneLine(`Dossier ${dossier.reference} : délai « ${label} »${due ? ` au ${printable(due)}` : ''}`),
    body: `Le délai « ${label} » du dossier ${dossier.reference} (${definition.title}) ${due ? `échoit le ${printable(due)}` : 'arrive à échéance'}.`,
  };
}

/** One notification per recipient, rendered from the démarche's template. */
export async function notify(ctx: EffectContext, effect: Notify): Promise<EffectWrites> {
  const message = effect.template ? renderTemplate(ctx.definition, effect.template, ctx.scope) : deadlineMessage(ctx, effect.deadline);
  return async (m) => {
    const recipients = await recipientsOf(m, ctx.definition, ctx.dossier, effect.to);
    await deliver(m, recipients.map((r) => ({
      id: derivedId(ctx.origin.id, `notification:${r.role}`),
      dossierId: ctx.dossier.id, userId: r.userId, role: r.role,
      subject: message.subject, body: message.body, createdAt: ctx.now, readAt: null,
    })), ctx.origin.inTransition);
  };
}
