import type { Demarche } from '../../engine';
import type { Selection } from '../selection';

/** In French, what a selection names: « Champ « nom » », « Transition « accepter » depuis « depose » »… */
export function describeSelection(definition: Demarche, selection: Selection): string | null {
  if (!selection) return null;
  switch (selection.kind) {
    case 'field': return `Champ « ${selection.key} »`;
    case 'page': return `Page « ${definition.form.pages?.find((p) => p.id === selection.id)?.title ?? selection.id} »`;
    case 'piece': return `Pièce « ${definition.pieces?.[selection.id]?.label ?? selection.id} »`;
    case 'state': return `Étape « ${selection.path} »`;
    case 'transition': {
      const { source, kind, key } = selection.ref;
      const what = kind === 'event' ? `« ${definition.events?.[key ?? '']?.label ?? key} »` : kind === 'after' ? `minuteur ${key}` : kind === 'always' ? 'automatique' : 'à la fin';
      return `Transition ${what} depuis « ${source || 'le parcours'} »`;
    }
  }
}
