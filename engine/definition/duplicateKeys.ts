import { escapePointer } from './stateGraph';
import { error, type Problem } from './problem';

/**
 * Finds keys that appear twice in the same object of a JSON text. JSON.parse keeps the last one
 * silently, so a duplicated state or event would vanish without a word; this says where.
 * The text is assumed to be valid JSON (parse it first).
 */
export function duplicateKeys(text: string): Problem[] {
  const problems: Problem[] = [];
  // One frame per open object or array: the keys seen (objects only) and the path to it.
  const stack: { keys: Set<string> | null; path: string[]; index: number; pendingKey: string | null }[] = [];
  let i = 0;
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const childPath = (): string[] => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    return [...top.path, top.keys ? (top.pendingKey ?? '') : String(top.index)];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const top = stack[stack.length - 1];
      const value = readString();
      // A string is a key when it sits in an object and no key is pending yet.
      if (top && top.keys && top.pendingKey === null) {
        if (top.keys.has(value)) {
          const pointer = '/' + [...top.path, value].map(escapePointer).join('/');
          problems.push(error('duplicate', pointer, `La clé « ${value} » apparaît deux fois dans le même objet : la seconde écraserait la première. Renommez ou fusionnez-les.`));
        }
        top.keys.add(value);
        top.pendingKey = value;
      }
      continue;
    }
    if (c === '{' || c === '[') {
      stack.push({ keys: c === '{' ? new Set() : null, path: childPath(), index: 0, pendingKey: null });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top) {
        top.pendingKey = null;
        top.index++;
      }
    }
    i++;
  }
  return problems;
}
