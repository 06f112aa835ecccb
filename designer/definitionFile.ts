import { jsonSyntaxError, type Demarche } from '../engine';
import { DesignError } from './model';

/** The definition as a file: indented JSON, so that it reads and diffs well in a repository. */
export function definitionJson(definition: Demarche): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

export function definitionFileName(definition: Pick<Demarche, 'id'>): string {
  return `${definition.id || 'demarche'}.json`;
}

/**
 * Reads an imported file: it must be a JSON object with an `id` (the linter says the rest). A
 * wrong file is refused in French before anything is sent.
 */
export function parseDefinitionFile(text: string): Demarche {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DesignError(`Ce fichier n’est pas du JSON valide (${jsonSyntaxError(e, text)}).`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DesignError('Ce fichier ne contient pas une définition de démarche (un objet JSON).');
  const id = (parsed as { id?: unknown }).id;
  if (typeof id !== 'string' || !/^[a-z][a-z0-9_-]{0,63}$/.test(id)) {
    throw new DesignError('La définition n’a pas d’identifiant « id » valide : lettres minuscules sans accent, chiffres et « - ».');
  }
  return parsed as Demarche;
}
