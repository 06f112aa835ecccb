/**
 * Inbox benchmark: one million dossiers in the database, then the agents' inbox (GET /api/tasks:
 * open dossiers of the agent's services, filters, sorted by priority then due date, keyset pages)
 * timed as the route runs it (`readInbox`: the page and its counts), its page query and counts alone, and
 * over HTTP. Checks that the page query's plan reads the inbox index and does not sort.
 *
 *   npm run bench:inbox                          # both databases (MariaDB at BENCH_MYSQL_URL or 127.0.0.1)
 *   BENCH_DB=sqlite npm run bench:inbox          # one of them
 *   DOSSIERS=200000 RUNS=100 npm run bench:inbox
 *
 * The dossiers go in a database of their own (`guichet_bench_inbox` on MariaDB, a temporary
 * DATA_DIR for SQLite), dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { compile, type Demarche } from '../engine';
import {
  DEMO_PASSWORD, GuichetServer, configFromEnv, countBy, findUserByEmail, inboxPage, inboxQuery, inboxScope, parseInboxRequest, quietLogger, readInbox,
} from '../runtime-api';

const DOSSIERS = Number(process.env.DOSSIERS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 200);
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const DB_NAME = 'guichet_bench_inbox';
const NO_DUE_DATE = '9999-12-31T23:59:59.999Z';
/** The agent whose inbox is read: the titres service (passeports), one service of six. */
const AGENT = 'agent.titres@demo.guichet.fr';

/** A small deterministic generator: the same spread at every run. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, weighted: [T, number][]): T {
  let r = random() * weighted.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted[weighted.length - 1][0];
}

/** Where each démarche's dossiers go, as its routing table sends them. */
const SPREAD: Record<string, { weight: number; services: [string, number][]; queues: [string, number][]; sites: [string | null, number][] }> = {
  'passeport-urgence': { weight: 3, services: [['titres', 1]], queues: [['instruction', 6], ['prioritaire', 1], ['validation', 2]], sites: [['hotel-de-ville', 1]] },
  'attestation-accueil': { weight: 3, services: [['affaires-generales', 1]], queues: [['instruction', 6], ['enquete-logement', 2], ['prioritaire', 1]], sites: [['hotel-de-ville', 2], ['mairie-annexe', 1]] },
  'recensement-citoyen': { weight: 2, services: [['affaires-militaires', 4], ['guichet-unique', 1]], queues: [['instruction', 5], ['regularisation', 1]], sites: [['hotel-de-ville', 2], ['mairie-annexe', 1]] },
  'garde-alternee': { weight: 2, services: [['famille', 1]], queues: [['instruction', 5], ['reserves', 1], ['hors-commune', 1]], sites: [['hotel-de-ville', 1], ['mairie-annexe', 1]] },
};

const COLUMNS = [
  'id', 'reference', 'demarche_id', 'demarche_version', 'status', 'state', 'citizen_status', 'snapshot', 'data', 'service', 'site', 'queue', 'priority',
  'owner_id', 'assignee_id', 'state_since', 'due_at', 'outcome', 'created_at', 'submitted_at', 'updated_at', 'closed_at', 'version', 'channel',
];

/**
 * One dossier row. About 12 % are open (en cours), the rest closed over the last years; priorities
 * mostly normal; due dates from two months late to three months ahead, some without a délai.
 */
function dossierRow(i: number, random: () => number, leaves: Map<string, string[]>, ownerId: string, assignees: string[], now: number): unknown[] {
  const demarche = pick(random, Object.entries(SPREAD).map(([id, s]) => [id, s.weight]));
  const spread = SPREAD[demarche];
  const open = random() < 0.12;
  const created = new Date(now - Math.floor(random() * (open ? 120 : 4 * 365) * 86_400_000)).toISOString();
  const states = leaves.get(demarche)!;
  const state = open ? states[Math.floor(random() * states.length)] : 'clos';
  const due = open && random() < 0.9 ? new Date(now + Math.floor((random() * 150 - 60) * 86_400_000)).toISOString() : NO_DUE_DATE;
  const priority = pick(random, [[0, 3], [1, 12], [2, 75], [3, 10]]);
  return [
    loadId(i), `B${String(i).padStart(10, '0')}`, demarche, 1, open ? 'en_cours' : 'clos', state, open ? 'En cours d’instruction' : 'Terminé',
    null, '{}', pick(random, spread.services), pick(random, spread.sites), pick(random, spread.queues), priority,
    ownerId, random() < 0.4 ? assignees[Math.floor(random() * assignees.length)] : null, created, due, open ? null : 'accepte', created, created, created,
    open ? null : created, 3, 'en_ligne',
  ];
}

/**
 * Ids shaped like the runtime's UUIDs but ascending, so that the load appends to the primary key
 * instead of splitting its pages at random (ten times faster at a million rows with a small
 * buffer pool). The inbox reads through its own index, where the id is only the tie-breaker.
 */
function loadId(i: number): string {
  return `${i.toString(16).padStart(8, '0')}-${randomUUID().slice(9)}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 5; i++) await work(); // warm-up: plans, caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

interface Line { database: string; query: string; way: string; p50: number; p99: number; rows: number }

async function benchDatabase(database: 'sqlite' | 'mysql'): Promise<{ lines: Line[]; loadSeconds: number; open: number; plans: string[] }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-inbox-'));
  let databaseUrl: string | undefined;
  if (database === 'mysql') {
    const admin = await createConnection(MYSQL_URL);
    await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await admin.query(`CREATE DATABASE \`${DB_NAME}\` CHARACTER SET utf8mb4`);
    await admin.end();
    const url = new URL(MYSQL_URL);
    url.pathname = `/${DB_NAME}`;
    databaseUrl = url.toString();
  }
  const server = await GuichetServer.start({
    config: { ...configFromEnv({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', PORT: '0' }) }, log: quietLogger, background: false,
  });
  try {
    const rt = server.rt;
    const agent = (await rt.db.read((m) => findUserByEmail(m, AGENT)))!;
    const owner = (await rt.db.read((m) => findUserByEmail(m, 'usager@demo.guichet.fr')))!;
    const staff = await rt.db.read(async (m) => (await Promise.all(['agent.titres@demo.guichet.fr', 'accueil@demo.guichet.fr', 'responsable@demo.guichet.fr']
      .map((e) => findUserByEmail(m, e)))).map((u) => u!.id));
    const leaves = new Map<string, string[]>();
    for (const id of Object.keys(SPREAD)) {
      const definition = (await rt.catalogue.latest(id)) as Demarche;
      leaves.set(id, compile(definition).graph.nodes.filter((n) => n.parent !== null && n.children.length === 0 && n.type !== 'final').map((n) => n.path));
    }

    // Load, in bulk: multi-row INSERTs of a few thousand rows, in large transactions.
    const random = generator(2026);
    const now = Date.now();
    const batch = 2000;
    const l0 = performance.now();
    let open = 0;
    if (database === 'mysql') {
      const conn = await createConnection(databaseUrl!);
      await conn.query('SET unique_checks = 0');
      await conn.beginTransaction();
      for (let i = 0; i < DOSSIERS; i += batch) {
        const rows = Array.from({ length: Math.min(batch, DOSSIERS - i) }, (_, k) => dossierRow(i + k, random, leaves, owner.id, staff, now));
        open += rows.filter((r) => r[4] === 'en_cours').length;
        await conn.query(`INSERT INTO dossiers (${COLUMNS.join(', ')}) VALUES ?`, [rows]);
        if ((i / batch) % 50 === 49) {
          await conn.commit();
          await conn.beginTransaction();
        }
      }
      await conn.commit();
      await conn.query('ANALYZE TABLE dossiers');
      await conn.end();
    } else {
      const db = new BetterSqlite(path.join(dataDir, 'guichet.sqlite'));
      db.pragma('journal_mode = WAL');
      const insert = db.prepare(`INSERT INTO dossiers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
      const load = db.transaction((rows: unknown[][]) => {
        for (const r of rows) insert.run(...r);
      });
      for (let i = 0; i < DOSSIERS; i += batch * 10) {
        const rows = Array.from({ length: Math.min(batch * 10, DOSSIERS - i) }, (_, k) => dossierRow(i + k, random, leaves, owner.id, staff, now));
        open += rows.filter((r) => r[4] === 'en_cours').length;
        load(rows);
      }
      db.exec('ANALYZE');
      db.close();
    }
    const loadSeconds = (performance.now() - l0) / 1000;

    const lines: Line[] = [];
    const scope = inboxScope(agent);
    const first = await readInbox(rt, agent, {});
    const cases: [string, Record<string, string>][] = [
      ['first page', {}],
      ['queue = prioritaire', { queue: 'prioritaire' }],
      ['overdue only', { overdue: 'true' }],
      ['next page (keyset)', { after: first.next! }],
      ['priority = urgente, site', { priority: 'urgente', site: 'hotel-de-ville' }],
    ];
    const plans: string[] = [];
    for (const [name, query] of cases) {
      const { filters, limit, after } = parseInboxRequest(query, scope);
      const iso = new Date().toISOString();
      let rows = 0;
      const page = await timed(RUNS, async () => {
        rows = (await rt.db.read((m) => inboxPage(inboxQuery(m, scope, filters, iso), after, limit).getRawMany())).length;
      });
      lines.push({ database, query: name, way: 'page query', ...page, rows });
      const countQueues = () => rt.db.read((m) => countBy(inboxQuery(m, scope, filters, iso, 'queue'), 'queue'));
      const count = await timed(Math.min(RUNS, 20), countQueues);
      lines.push({ database, query: name, way: 'counts per queue', ...count, rows: [...(await countQueues()).values()].reduce((a, b) => a + b, 0) });
      const whole = await timed(Math.min(RUNS, 20), () => readInbox(rt, agent, query));
      lines.push({ database, query: name, way: 'readInbox (page + counts)', ...whole, rows: (await readInbox(rt, agent, query)).tasks.length });
      // The plan of the page query: it must walk idx_dossiers_inbox in order, with no sort.
      const [sql, params] = await rt.db.read(async (m) => inboxPage(inboxQuery(m, scope, filters, iso), after, limit).getQueryAndParameters());
      const plan = await rt.db.read((m) => m.query(database === 'mysql' ? `EXPLAIN ${sql}` : `EXPLAIN QUERY PLAN ${sql}`, params)) as Record<string, unknown>[];
      const text = database === 'mysql'
        ? plan.map((p) => `key=${p.key} rows=${p.rows} extra=${p.Extra}`).join(' | ')
        : plan.map((p) => String(p.detail)).join(' | ');
      plans.push(`${database} · ${name}: ${text}`);
    }

    // Over HTTP, as the browser asks: session cookie, JSON answer.
    const base = server.url;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: AGENT, password: DEMO_PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('guichet_session='))!;
    for (const [name, query] of cases) {
      let rows = 0;
      const http = await timed(Math.min(RUNS, 20), async () => {
        const r = await fetch(`${base}/api/tasks?${new URLSearchParams(query)}`, { headers: { cookie } });
        if (!r.ok) throw new Error(`GET /api/tasks : ${r.status}`);
        rows = ((await r.json()) as { tasks: unknown[] }).tasks.length;
      });
      lines.push({ database, query: name, way: 'GET /api/tasks', ...http, rows });
    }
    return { lines, loadSeconds, open, plans };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (database === 'mysql') {
      const admin = await createConnection(MYSQL_URL);
      await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
      await admin.end();
    }
  }
}

async function main(): Promise<void> {
  const which = process.env.BENCH_DB ? [process.env.BENCH_DB as 'sqlite' | 'mysql'] : (['sqlite', 'mysql'] as const);
  for (const database of which) {
    const { lines, loadSeconds, open, plans } = await benchDatabase(database);
    console.log(`\n${database}: ${DOSSIERS.toLocaleString('en-US')} dossiers (${open.toLocaleString('en-US')} open) loaded in ${loadSeconds.toFixed(0)} s; inbox of ${AGENT}; ${RUNS} runs of the page query, 20 of the others`);
    console.log('');
    console.log('| query | measured | p50 (ms) | p99 (ms) | rows |');
    console.log('|---|---|---|---|---|');
    for (const l of lines) console.log(`| ${l.query} | ${l.way} | ${l.p50.toFixed(1)} | ${l.p99.toFixed(1)} | ${l.rows.toLocaleString('en-US')} |`);
    console.log('');
    for (const p of plans) console.log(`plan ${p}`);
  }
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e);
  process.exit(1);
});
