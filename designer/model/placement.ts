import type { Demarche } from '../../engine';
import { edit } from './edit';

/** Forgets every position dragged on the drawing: the automatic layout places all the states again. */
export function resetLayout(definition: Demarche): Demarche {
  if (!definition.layout) return definition;
  return edit(definition, (d) => {
    delete d.layout;
  });
}
