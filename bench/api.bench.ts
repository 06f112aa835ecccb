/**
 * API benchmark: concurrent clients (autocannon connections) drive passeport d'urgence dossiers
 * through every step over HTTP, against a server running as its own process, on SQLite and on
 * MariaDB, after a warm-up. In the same run, the database floor: the same read + versioned update +
 * history insert issued directly with the driver (no HTTP, no ORM, no engine) at the same concurrency.
 *
 *   npm run bench:api                      # both databases (MariaDB at BENCH_MYSQL_URL or 127.0.0.1)
 *   BENCH_DB=sqlite npm run bench:api      # one of them
 *   DOSSIERS=2560 WARMUP=640 CLIENTS=32 npm run bench:api
 *   BENCH_DB=mysql WORKERS=2 npm run bench:api   # two server processes
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Client as LoadClient } from 'autocannon';
import Database from 'better-sqlite3';
import { createConnection, createPool } from 'mysql2/promise';
import { PDFDocument } from 'pdf-lib';
import { summariseProfile } from './profileSummary';

const ROOT = path.join(__dirname, '..');
/**
 * 16 clients keep the server busy all the time (its throughput is the same with 32); more only
 * queue behind each other, and in a closed loop their latency grows with their number.
 */
const CLIENTS = Number(process.env.CLIENTS ?? 16);
/** Each client drives as many dossiers as the others: the counts are rounded down to a multiple of CLIENTS. */
const perClient = (n: number) => Math.max(1, Math.floor(n / CLIENTS)) * CLIENTS;
const DOSSIERS = perClient(Number(process.env.DOSSIERS ?? 1280));
/** Dossiers driven before the timed part, so that it measures the server once its code is compiled, not its start. */
const WARMUP = perClient(Number(process.env.WARMUP ?? 320));
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const PASSWORD = 'guichet-demo-2026';

const data = {
  numeroPreDemande: 'AB12CD34EF',
  titulaire: { nom: 'Martin', prenoms: 'Camille', dateNaissance: '1985-04-12', communeNaissance: 'Lyon', paysNaissance: 'France' },
  mineur: false,
  urgence: { motif: 'professionnelle', explication: 'Mission imprévue chez un client à Montréal, ordre de mission joint.' },
  voyage: { dateDepart: '2027-06-20', destination: 'Canada' },
  contact: { telephone: '06 12 34 56 78', courriel: 'camille.martin@exemple.fr' },
  adresse: { voie: '12 rue des Lilas', codePostal: '69003', commune: 'Lyon' },
  possedeAncienPasseport: false,
};
const PIECES = ['justificatif_urgence', 'photo_identite', 'timbre_fiscal', 'justificatif_domicile'];
// The ID photo must be an image: a 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type Who = 'responsable' | 'accueil' | 'agent' | 'usager';
const STEPS: { who: Who; type: string; payload: Record<string, unknown> }[] = [
  { who: 'responsable', type: 'valider_urgence', payload: {} },
  { who: 'accueil', type: 'fixer_rendez_vous', payload: { date: '2027-06-04', heure: '09:30', lieu: 'hotel-de-ville' } },
  { who: 'agent', type: 'enregistrer_recueil', payload: {} },
  { who: 'agent', type: 'produire_titre', payload: { numeroPasseport: '26CX48213' } },
  { who: 'agent', type: 'receptionner_titre', payload: {} },
  { who: 'agent', type: 'remettre_titre', payload: {} },
];
const ACCOUNTS: Record<Who, string> = {
  usager: 'usager@demo.guichet.fr', responsable: 'responsable@demo.guichet.fr', accueil: 'accueil@demo.guichet.fr', agent: 'agent.titres@demo.guichet.fr',
};

class Session {
  private cookie = '';
  private csrf = '';
  constructor(private readonly base: string) {}
  async login(email: string): Promise<this> {
    const r = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (!r.ok) throw new Error(`login ${email}: ${r.status}`);
    this.cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('guichet_session='))!;
    this.csrf = ((await r.json()) as { csrfToken: string }).csrfToken;
    return this;
  }
  async send(method: string, url: string, body?: unknown, form?: FormData): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(`${this.base}${url}`, { method, headers, body: form ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null };
  }
  /** What each of this user's requests carries: the session cookie and the CSRF token. */
  headers(): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrf };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  // BENCH_PROFILE=<dir> writes a CPU profile of the server, to see where a request's time goes.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(ROOT, 'runtime-api', 'main.ts')], {
    cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { child, base };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('le serveur ne démarre pas');
}

interface Cpu { user: number; system: number }

/**
 * CPU time a process and its children (the workers, with WORKERS=n) have used so far, in ms of
 * user and of system (kernel) time, from /proc (Linux); null elsewhere. Synchronous: the timed
 * part's starting reading is taken at the moment it starts, inside autocannon's callback.
 */
function cpuMs(pid: number): Cpu | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 per second on Linux).
    const cpu = { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
    let children: number[] = [];
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    } catch {
      // no children file: no children counted
    }
    for (const child of children) {
      const c = cpuMs(child);
      cpu.user += c?.user ?? 0;
      cpu.system += c?.system ?? 0;
    }
    return cpu;
  } catch {
    return null;
  }
}

/** The CPU a process used between two readings, per transition, in ms. */
function cpuPer(before: Cpu | null, after: Cpu | null, ops: number): Cpu | null {
  return before && after ? { user: (after.user - before.user) / ops, system: (after.system - before.system) / ops } : null;
}

/** The database server's process on this machine, to count its CPU too (MariaDB or MySQL). */
async function databasePid(): Promise<number | null> {
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const name = (await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '')).trim();
    if (name === 'mariadbd' || name === 'mysqld') return Number(entry);
  }
  return null;
}

/** What a process has written to storage so far, in bytes, from /proc (Linux); 0 elsewhere. */
function writtenBytes(pid: number): number {
  let io = '';
  try {
    io = readFileSync(`/proc/${pid}/io`, 'utf8');
  } catch {
    // no /proc: nothing counted
  }
  return Number(/^write_bytes: (\d+)/m.exec(io)?.[1] ?? 0);
}

/**
 * Waits until the server and the database server are idle: each under 5 % of a core and under
 * 64 kB written to disk over 250 ms, for at most 30 s. The setup's thousands of inserts and uploads
 * may leave them busy for a while: the warm-up and the timed part measure transitions, not the end
 * of the setup. Returns the seconds waited.
 */
async function settle(pids: number[]): Promise<number> {
  const start = performance.now();
  const reading = (pid: number) => [cpuMs(pid), writtenBytes(pid)] as const;
  while (performance.now() - start < 30_000) {
    const before = pids.map(reading);
    await new Promise((r) => setTimeout(r, 250));
    const after = pids.map(reading);
    const idle = after.every(([cpu, written], i) => {
      const [cpu0, written0] = before[i];
      const used = cpu && cpu0 ? cpu.user + cpu.system - cpu0.user - cpu0.system : 0;
      return used < 0.05 * 250 && written - written0 < 64 * 1024;
    });
    if (idle) break;
  }
  return (performance.now() - start) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Runs `work(i)` for i in [0, n) with `concurrency` at once. */
async function pool(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await work(next++);
  }));
}

/** The CPU profile of the server's main thread, summed over the timed part only (V8 stamps samples with the same monotonic clock). */
async function printProfile(dir: string, pid: number, from: number, to: number): Promise<void> {
  const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.0.`));
  if (file) console.error(`\n${path.join(dir, file)} (timed part: ${from} to ${to} µs)\n${summariseProfile(path.join(dir, file), from, to, ROOT)}\n`);
}

interface Result {
  database: string; transitions: number; seconds: number; p50: number; p99: number; floorOps: number; floorSeconds: number;
  /** CPU time per transition, in ms, of the server process, of this process (the HTTP clients) and of the database server (MariaDB). */
  serverCpu: Cpu | null; clientCpu: number; databaseCpu: Cpu | null;
  /** The database server's CPU per operation of the floor. */
  floorDatabaseCpu: Cpu | null;
}

async function benchDatabase(database: 'sqlite' | 'mysql'): Promise<Result> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-bench-'));
  let dbName = '';
  let databaseUrl = '';
  if (database === 'mysql') {
    dbName = `guichet_bench_${randomBytes(4).toString('hex')}`;
    const admin = await createConnection(MYSQL_URL);
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4`);
    await admin.end();
    const url = new URL(MYSQL_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const { child, base } = await startServer({ DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  try {
    const sessions = Object.fromEntries(await Promise.all(Object.entries(ACCOUNTS).map(async ([who, email]) => [who, await new Session(base).login(email)]))) as Record<Who, Session>;
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Justificatif');
    const pdf = Buffer.from(await doc.save());

    // Setup (not timed): drafts with their pièces, then submitted.
    const filed: string[] = [];
    await pool(WARMUP + DOSSIERS, 8, async () => {
      const draft = await sessions.usager.send('POST', '/api/dossiers', { demarche: 'passeport-urgence', data, draft: true });
      if (draft.status !== 201) throw new Error(`brouillon : ${draft.status} ${JSON.stringify(draft.json)}`);
      for (const piece of PIECES) {
        const form = new FormData();
        form.append('piece', piece);
        const photo = piece === 'photo_identite';
        form.append('file', new Blob([photo ? PNG : pdf], { type: photo ? 'image/png' : 'application/pdf' }), `${piece}.${photo ? 'png' : 'pdf'}`);
        const up = await sessions.usager.send('POST', `/api/dossiers/${draft.json.id}/documents`, undefined, form);
        if (up.status !== 201) throw new Error(`pièce : ${up.status} ${JSON.stringify(up.json)}`);
      }
      const submitted = await sessions.usager.send('POST', `/api/dossiers/${draft.json.id}/submit`);
      if (submitted.status !== 200) throw new Error(`dépôt : ${submitted.status} ${JSON.stringify(submitted.json)}`);
      filed.push(draft.json.id);
    });
    const [warm, ids] = [filed.slice(0, WARMUP), filed.slice(WARMUP)];

    const dbPid = database === 'mysql' ? await databasePid() : null;
    const settled = await settle([child.pid!, ...(dbPid ? [dbPid] : [])]);
    console.error(`${database}: ${filed.length} dossiers filed, ${settled.toFixed(1)} s until idle; warm-up then timed part`);

    // Each client (one kept-alive connection of autocannon) drives dossiers through their six
    // steps, one event after the other, taking the next dossier when it is done with one. The
    // warm-up and the timed part are one run, over the same connections: a new connection waits
    // until the server accepts it, which Node does one per turn of its event loop (libuv 1.45 and
    // later), and 32 connections opened at once on a busy server wait up to a third of a second.
    // The timed part starts when a client takes the first timed dossier: from then on, every answer
    // counts in the throughput, and every request sent in the latencies. It ends with the last
    // answer: autocannon itself calls back only at its next sampling tick (every second by default).
    const dossiers = [...warm, ...ids];
    const latencies: number[] = [];
    const byStep = STEPS.map((): number[] => []);
    let t0 = Infinity;
    let timedFrom = 0;
    let answersTimed = 0;
    let serverCpu0: Cpu | null = null;
    let databaseCpu0: Cpu | null = null;
    let clientCpu0 = process.cpuUsage();
    const startTimed = () => {
      t0 = performance.now();
      timedFrom = Number(process.hrtime.bigint() / 1000n);
      serverCpu0 = cpuMs(child.pid!);
      databaseCpu0 = dbPid ? cpuMs(dbPid) : null;
      clientCpu0 = process.cpuUsage();
    };
    const lastAnswerAt = await new Promise<number>((resolve, reject) => {
      let next = 0;
      let lastAnswer = 0;
      const failures: string[] = [];
      const setupClient = (client: LoadClient) => {
        let dossier = '';
        client.setRequests(STEPS.map((step, k) => ({
          method: 'POST' as const,
          headers: { ...sessions[step.who].headers(), 'content-type': 'application/json' },
          body: JSON.stringify({ type: step.type, payload: step.payload }),
          setupRequest: (request) => {
            if (k === 0) {
              if (next === warm.length) startTimed();
              dossier = dossiers[next++] ?? 'aucun';
            }
            return { ...request, path: `/api/dossiers/${dossier}/events` };
          },
          onResponse: (status, body) => {
            if (status !== 200 && failures.length < 5) failures.push(`${step.type} : ${status} ${body}`);
          },
        })));
        // Each connection sends the six steps in turn: its n-th answer is step n mod 6.
        let answered = 0;
        client.on('response', (_status: number, _bytes: number, duration: number) => {
          const now = performance.now();
          if (now >= t0) {
            lastAnswer = now;
            answersTimed++;
            if (now - duration >= t0) {
              latencies.push(duration);
              byStep[answered % STEPS.length].push(duration);
            }
          }
          answered++;
        });
      };
      autocannon({ url: base, connections: CLIENTS, pipelining: 1, amount: dossiers.length * STEPS.length, timeout: 60, setupClient }, (error, result) => {
        if (error) reject(error);
        else if (failures.length > 0 || result.non2xx > 0 || result.errors > 0) reject(new Error(`${result.non2xx} réponses en erreur, ${result.errors} erreurs : ${failures.join(' | ')}`));
        else resolve(lastAnswer);
      });
    });
    const seconds = (lastAnswerAt - t0) / 1000;
    const p50p99 = (values: number[]) => {
      const sorted = values.sort((a, b) => a - b);
      return `${percentile(sorted, 0.5).toFixed(1)} / ${percentile(sorted, 0.99).toFixed(1)}`;
    };
    console.error(`${database}: ${answersTimed} answers in the timed part, ${latencies.length} of requests sent in it; `
      + `p50 / p99 (ms) per step: ${STEPS.map((step, k) => `${step.type} ${p50p99(byStep[k])}`).join(', ')}`);
    // The profile's window ends with the last answer too (the monotonic clock, in µs).
    const timedTo = timedFrom + Math.round((lastAnswerAt - t0) * 1000);
    const serverCpu1 = cpuMs(child.pid!);
    const databaseCpu1 = dbPid ? cpuMs(dbPid) : null;
    const clientCpu = process.cpuUsage(clientCpu0);
    latencies.sort((a, b) => a - b);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    if (process.env.BENCH_PROFILE) await printProfile(process.env.BENCH_PROFILE, child.pid!, timedFrom, timedTo);

    // The floor, on the same rows: read, versioned update, history insert, one transaction each;
    // warmed up on the warm-up dossiers as the server was.
    const ops = ids.length * STEPS.length;
    const snapshot = JSON.stringify({ status: 'active', value: 'x', context: { data } });
    // Every dossier went through its six steps: none was left half-way or driven twice.
    const expectAllClosed = (n: number) => {
      if (n !== filed.length) throw new Error(`${n} dossiers clos sur ${filed.length}`);
    };
    let floorSeconds: number;
    let floorDatabaseCpu: Cpu | null = null;
    if (database === 'sqlite') {
      const db = new Database(path.join(dataDir, 'guichet.sqlite'));
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      expectAllClosed(Number((db.prepare("SELECT COUNT(*) AS n FROM dossiers WHERE status = 'clos'").get() as { n: number }).n));
      const read = db.prepare('SELECT id, version FROM dossiers WHERE id = ?');
      const update = db.prepare('UPDATE dossiers SET snapshot = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?');
      const insert = db.prepare('INSERT INTO history (dossier_id, seq, event, label, payload, actor_id, role, at, from_states, to_states) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
      const step = db.transaction((id: string) => {
        const row = read.get(id) as { version: number };
        const at = new Date().toISOString();
        if (update.run(snapshot, at, id, row.version).changes !== 1) throw new Error('conflit');
        insert.run(id, row.version + 1, 'plancher', 'Plancher', '{}', 'bench', 'agent', at, '[]', '[]');
      });
      const floor = (dossiers: string[]) => {
        for (let i = 0; i < dossiers.length * STEPS.length; i++) step(dossiers[i % dossiers.length]);
      };
      floor(warm);
      const f0 = performance.now();
      floor(ids);
      floorSeconds = (performance.now() - f0) / 1000;
      db.close();
    } else {
      const mysql = createPool({ uri: databaseUrl, connectionLimit: CLIENTS });
      const [closed] = await mysql.query("SELECT COUNT(*) AS n FROM dossiers WHERE status = 'clos'");
      expectAllClosed(Number((closed as { n: number }[])[0].n));
      // Each worker owns its dossiers, as each HTTP client did: no artificial conflicts.
      const floor = (dossiers: string[]) => pool(dossiers.length, CLIENTS, async (i) => {
        for (let k = 0; k < STEPS.length; k++) {
          const conn = await mysql.getConnection();
          try {
            await conn.beginTransaction();
            const [rows] = await conn.query('SELECT id, version FROM dossiers WHERE id = ?', [dossiers[i]]);
            const version = (rows as { version: number }[])[0].version;
            const at = new Date().toISOString();
            const [res] = await conn.query('UPDATE dossiers SET snapshot = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?', [snapshot, at, dossiers[i], version]);
            if ((res as { affectedRows: number }).affectedRows !== 1) throw new Error('conflit');
            await conn.query('INSERT INTO history (dossier_id, seq, event, label, payload, actor_id, role, at, from_states, to_states) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
              [dossiers[i], version + 1, 'plancher', 'Plancher', '{}', 'bench', 'agent', at, '[]', '[]']);
            await conn.commit();
          } finally {
            conn.release();
          }
        }
      });
      await floor(warm);
      // As before the API's timed part: the database idle first.
      if (dbPid) await settle([dbPid]);
      const before = dbPid ? cpuMs(dbPid) : null;
      const f0 = performance.now();
      await floor(ids);
      floorSeconds = (performance.now() - f0) / 1000;
      floorDatabaseCpu = cpuPer(before, dbPid ? cpuMs(dbPid) : null, ops);
      await mysql.end();
    }
    return {
      database, transitions: answersTimed, seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), floorOps: ops, floorSeconds,
      serverCpu: cpuPer(serverCpu0, serverCpu1, answersTimed),
      databaseCpu: cpuPer(databaseCpu0, databaseCpu1, answersTimed),
      floorDatabaseCpu,
      clientCpu: (clientCpu.user + clientCpu.system) / 1000 / answersTimed,
    };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = await createConnection(MYSQL_URL);
      await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
      await admin.end();
    }
  }
}

async function main(): Promise<void> {
  const which = process.env.BENCH_DB ? [process.env.BENCH_DB as 'sqlite' | 'mysql'] : (['sqlite', 'mysql'] as const);
  const results: Result[] = [];
  for (const db of which) results.push(await benchDatabase(db));
  console.log(`Passeport d’urgence over HTTP: ${DOSSIERS} dossiers × ${STEPS.length} events (after ${WARMUP} dossiers of warm-up), ${CLIENTS} concurrent clients`);
  console.log('');
  console.log('| database | transitions/s | p50 (ms) | p99 (ms) | floor ops/s (driver) | ratio API / floor | server CPU ms / transition (user + system) | client CPU ms / transition | database CPU ms / transition | database CPU ms / floor op |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const cpu = (c: Cpu | null) => (c ? `${(c.user + c.system).toFixed(2)} (${c.user.toFixed(2)} + ${c.system.toFixed(2)})` : '–');
  for (const r of results) {
    const api = r.transitions / r.seconds;
    const floor = r.floorOps / r.floorSeconds;
    console.log(`| ${r.database} | ${Math.round(api).toLocaleString('en-US')} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${Math.round(floor).toLocaleString('en-US')} | ${(api / floor).toFixed(2)} | ${cpu(r.serverCpu)} | ${r.clientCpu.toFixed(2)} | ${cpu(r.databaseCpu)} | ${cpu(r.floorDatabaseCpu)} |`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
