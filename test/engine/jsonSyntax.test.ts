import { jsonSyntaxError } from '../../engine';

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (e) {
    return e;
  }
  throw new Error('parsed');
}

describe('jsonSyntaxError', () => {
  it('says in French where the text goes wrong, by line and column when it has the text', () => {
    const text = '{\n  "id": "copie",\n  "title" "Copie"\n}';
    expect(jsonSyntaxError(parseError(text), text)).toBe('erreur de syntaxe ligne 3, colonne 11');
    expect(jsonSyntaxError(parseError('{bad'))).toBe('erreur de syntaxe au caractère 2');
    expect(jsonSyntaxError(parseError('{"a":'), '{"a":')).toBe('le texte s’arrête avant la fin');
    expect(jsonSyntaxError(new Error('autre chose'))).toBe('erreur de syntaxe');
  });
});
