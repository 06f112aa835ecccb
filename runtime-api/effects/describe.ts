import type { Demarche, Effect } from '../../engine';

function templateTitle(definition: Demarche | null, id: string | undefined): string {
  return (id && definition?.templates?.[id]?.title) || id || '';
}

/** An effect in French words, for the staff who watch failed effects. */
export function describeEffect(effect: Effect, definition: Demarche | null): string {
  switch (effect.type) {
    case 'notify': {
      const what = effect.template ? `« ${templateTitle(definition, effect.template)} »` : 'd’échéance';
      const to = effect.to.map((r) => definition?.roles[r]?.label ?? r).join(', ');
      return `Notification ${what} à : ${to}`;
    }
    case 'letter':
      return `Préparation du courrier « ${templateTitle(definition, effect.template)} »`;
    case 'document':
      return `Génération du document « ${templateTitle(definition, effect.template)} »`;
    case 'route':
      return 'Nouveau routage du dossier';
    case 'callout':
      return `Transmission au service ${effect.service} (${effect.operation})`;
    default:
      return `Effet « ${(effect as { type: string }).type} »`;
  }
}
