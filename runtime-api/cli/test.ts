import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { runScenarios, type Demarche, type ScenarioResult } from '../../engine';

export interface FileScenarios {
  file: string;
  title: string;
  results: ScenarioResult[];
}

/** The definition files among files and folders: the format's own schemas are not démarches. */
async function definitionFiles(targets: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const target of targets) {
    if ((await stat(target)).isDirectory()) {
      files.push(...(await readdir(target)).filter((f) => f.endsWith('.json')).map((f) => path.join(target, f)));
    } else files.push(target);
  }
  return files.filter((f) => !f.endsWith('.schema.json')).sort();
}

/** Plays the scenarios of each definition file (folders: the definitions directly in them). */
export async function testFiles(targets: string[]): Promise<FileScenarios[]> {
  const out: FileScenarios[] = [];
  for (const file of await definitionFiles(targets)) {
    const definition = JSON.parse(await readFile(file, 'utf8')) as Demarche;
    out.push({ file: path.relative(process.cwd(), file) || file, title: definition.title, results: runScenarios(definition) });
  }
  return out;
}

/** One line per scenario, ✓ or ✗, with the reason of a failure and its JSON pointer. */
export function formatScenarios(all: FileScenarios[]): string {
  const lines: string[] = [];
  for (const f of all) {
    lines.push(`${f.file} — ${f.title}`);
    if (f.results.length === 0) lines.push('  (aucun scénario)');
    for (const r of f.results) {
      lines.push(`  ${r.ok ? '✓' : '✗'} ${r.title}`);
      if (r.failure) lines.push(`      ${r.failure.pointer}: ${r.failure.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
