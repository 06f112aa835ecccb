import type { Demarche } from '../../engine';
import { definitionFileName, definitionJson } from '../definitionFile';

/** Offers the definition as a JSON file to download. */
export function downloadDefinition(definition: Demarche): void {
  const url = URL.createObjectURL(new Blob([definitionJson(definition)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = definitionFileName(definition);
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
