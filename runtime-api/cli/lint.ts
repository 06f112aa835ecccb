import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { lint, lintRouting, type Demarche, type Problem } from '../../engine';

/** One file read for linting, parsed or not. */
interface Loaded {
  file: string;
  text: string;
  value?: unknown;
  parseError?: string;
}

async function jsonFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (info.isFile()) return [target];
  const entries = await readdir(target, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => {
    const full = path.join(target, e.name);
    if (e.isDirectory()) return jsonFiles(full);
    return Promise.resolve(e.name.endsWith('.json') && !e.name.endsWith('.schema.json') ? [full] : []);
  }));
  return nested.flat().sort();
}

async function load(file: string): Promise<Loaded> {
  const text = await readFile(file, 'utf8');
  try {
    return { file, text, value: JSON.parse(text) };
  } catch (e) {
    return { file, text, parseError: (e as Error).message };
  }
}

function isRoutingTable(value: unknown): value is { demarche: string } {
  return !!value && typeof value === 'object' && 'rules' in value && 'demarche' in value && !('workflow' in value);
}

export interface FileProblem extends Problem {
  file: string;
}

/**
 * Lints definitions and routing tables found in files and folders. A routing table is checked
 * against the definition of its démarche, found among the files given or in `definitionsDir`.
 */
export async function lintPaths(targets: string[], definitionsDir: string): Promise<FileProblem[]> {
  const files = (await Promise.all(targets.map(jsonFiles))).flat();
  const loaded = await Promise.all(files.map(load));
  const definitions = new Map<string, Demarche>();
  const known = await jsonFiles(definitionsDir).catch(() => [] as string[]);
  for (const l of [...(await Promise.all(known.map(load))), ...loaded]) {
    const v = l.value as Partial<Demarche> | undefined;
    if (v && typeof v.id === 'string' && v.workflow && (!definitions.has(v.id) || (definitions.get(v.id)!.version ?? 0) < (v.version ?? 0))) {
      definitions.set(v.id, v as Demarche);
    }
  }
  const problems: FileProblem[] = [];
  for (const l of loaded) {
    const name = path.relative(process.cwd(), l.file) || l.file;
    if (l.parseError !== undefined) {
      problems.push({ file: name, pointer: '', rule: 'json', severity: 'error', message: `JSON illisible : ${l.parseError}.` });
      continue;
    }
    let found: Problem[];
    if (isRoutingTable(l.value)) {
      const definition = definitions.get(l.value.demarche);
      found = definition
        ? lintRouting(l.value, definition, { source: l.text })
        : [{ pointer: '/demarche', rule: 'routing', severity: 'error', message: `Aucune définition de la démarche « ${l.value.demarche} » n’a été trouvée pour vérifier cette table.` }];
    } else {
      found = lint(l.value, { source: l.text });
    }
    problems.push(...found.map((p) => ({ ...p, file: name })));
  }
  return problems;
}

/** `file: /pointer: message`, warnings marked as such. */
export function formatProblem(p: FileProblem): string {
  return `${p.file}: ${p.pointer || '/'}: ${p.severity === 'warning' ? 'avertissement : ' : ''}${p.message}`;
}
