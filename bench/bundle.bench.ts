/**
 * What each page of the interface makes the browser download: the entry chunk, the page's lazy
 * chunk and everything they import statically, gzipped as the server sends them. Reads the
 * manifest of the production build (`npm run build:ui` first). `npm run bench:bundle`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const DIST = path.join(__dirname, '..', 'dist', 'ui');
const manifest = JSON.parse(readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;

/** A page and the chunks it loads: its own lazy chunk, then those it loads at once on opening. */
const PAGES: [string, ...string[]][] = [
  ['Catalogue (accueil)', 'pages/citizen/Catalogue.tsx'],
  ['Formulaire d’une démarche (usager)', 'pages/citizen/FileDemarche.tsx'],
  ['Mon dossier (usager)', 'pages/citizen/CitizenDossier.tsx'],
  ['Corbeille (agent)', 'pages/agent/Inbox.tsx'],
  ['Dossier (agent)', 'pages/agent/AgentDossier.tsx'],
  ['Routage (manager)', 'pages/manager/Routing.tsx'],
  ['Pilotage (manager)', 'pages/manager/Dashboard.tsx'],
  // The designer's screens are a lazy chunk of their own, loaded as soon as the page opens; elk,
  // which lays out the workflow's drawing, only when the « Parcours » tab is opened.
  ['Conception (designer), onglet Formulaire', 'pages/designer/DesignerPage.tsx', '../designer/shell/index.ts'],
  ['Conception (designer), onglet Parcours', 'pages/designer/DesignerPage.tsx', '../designer/shell/index.ts', '../node_modules/elkjs/lib/elk.bundled.js'],
];

const gzipped = new Map<string, number>();
function weight(file: string): number {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length;
    gzipped.set(file, size);
  }
  return size;
}

/** The chunk and its static imports, each once. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(imported, seen);
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entry) throw new Error('Pas de point d’entrée dans le manifeste : lancez « npm run build:ui ».');
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

console.log('| page | JavaScript (gzip) | CSS (gzip) | files |');
console.log('|---|---:|---:|---:|');
for (const [label, ...sources] of PAGES) {
  const keys = closure(entry);
  for (const src of sources) {
    if (!manifest[src]) throw new Error(`Le module ${src} est absent du manifeste.`);
    closure(src, keys);
  }
  const js = [...keys].reduce((n, k) => n + weight(manifest[k].file), 0);
  const cssFiles = new Set([...keys].flatMap((k) => manifest[k].css ?? []));
  const css = [...cssFiles].reduce((n, f) => n + weight(f), 0);
  console.log(`| ${label} | ${kb(js)} kB | ${kb(css)} kB | ${keys.size} |`);
}
