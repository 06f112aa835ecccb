/**
 * Where JSON text that does not parse goes wrong, in French: JSON.parse explains it in English
 * («Expected property name or '}' in JSON at position 1»), which neither a citizen's browser nor a
 * Procédures designer should be shown.
 */
export function jsonSyntaxError(error: unknown, text?: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of JSON input/i.test(message)) return 'le texte s’arrête avant la fin';
  const position = /position (\d+)/.exec(message);
  if (!position) return 'erreur de syntaxe';
  const at = Number(position[1]);
  if (text === undefined) return `erreur de syntaxe au caractère ${at + 1}`;
  const before = text.slice(0, at).split('\n');
  return `erreur de syntaxe ligne ${before.length}, colonne ${before[before.length - 1].length + 1}`;
}
