import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, configFromEnv } from '../../runtime-api';
import { passeport } from './samples';
import { Client, freshMysqlDatabase, warnIfMysqlSkipped } from './support';

warnIfMysqlSkipped();

const ROOT = path.join(__dirname, '..', '..');
const NORMAL_TRACK = { type: 'passer_voie_normale', payload: { motif: 'Le départ peut attendre le délai normal.' } };

describe('WORKERS: several server processes', () => {
  it('are refused on the embedded SQLite database, which has one writer, and must be a whole number', () => {
    expect(() => configFromEnv({ WORKERS: '2' })).toThrow('WORKERS au-delà de 1 demande MySQL/MariaDB');
    expect(() => configFromEnv({ WORKERS: 'deux', DATABASE_URL: 'mysql://root@127.0.0.1/test' })).toThrow('WORKERS invalide');
    expect(configFromEnv({ WORKERS: '2', DATABASE_URL: 'mysql://root@127.0.0.1/test' }).workers).toBe(2);
    expect(configFromEnv({}).workers).toBe(1);
  });

  (process.env.GUICHET_TEST_MYSQL_URL ? describe : describe.skip)('on MariaDB, as `npm start` runs them', () => {
    let child: ChildProcess;
    let output = '';
    let base: string;
    let dataDir: string;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const database = await freshMysqlDatabase();
      drop = database.drop;
      dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-workers-'));
      const port = await new Promise<number>((resolve) => {
        const s = createServer().listen(0, () => {
          const p = (s.address() as { port: number }).port;
          s.close(() => resolve(p));
        });
      });
      base = `http://127.0.0.1:${port}`;
      child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'runtime-api', 'main.ts')], {
        cwd: ROOT, env: { ...process.env, WORKERS: '2', DATABASE_URL: database.url, DATA_DIR: dataDir, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
      child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
      for (let i = 0; i < 300 && !output.includes('Guichet est prêt'); i++) await new Promise((r) => setTimeout(r, 100));
    }, 60_000);
    afterAll(async () => {
      if (child?.exitCode === null) child.kill('SIGKILL');
      await drop?.();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('prepare the database once, then two workers serve the port', async () => {
      expect(output).toContain('Processus serveurs : 2');
      expect(output).toContain('usager@demo.guichet.fr');
      const workers = (await readFile(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')).trim().split(' ');
      expect(workers).toHaveLength(2);
      expect((await new Client(base).get('/api/health')).body).toEqual({ status: 'ok', database: 'mysql' });
    });

    it('let exactly one of concurrent events on a dossier win, whichever process each reaches', async () => {
      const usager = await new Client(base).login('usager@demo.guichet.fr');
      const filed = await usager.post('/api/dossiers', { demarche: 'passeport-urgence', data: passeport() });
      expect(filed.status).toBe(201);
      const id = filed.body.id as string;
      // Several sessions, several connections: the cluster spreads them over the workers.
      const responsables = await Promise.all(Array.from({ length: 6 }, () => new Client(base).login('responsable@demo.guichet.fr')));
      const replies = await Promise.all(responsables.map((r) => r.post(`/api/dossiers/${id}/events`, NORMAL_TRACK)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
      const history = (await usager.get(`/api/dossiers/${id}/history`)).body.history as { event: string }[];
      expect(history.filter((h) => h.event === NORMAL_TRACK.type)).toHaveLength(1);
    });

    it('count wrong passwords together, whichever process each attempt reaches', async () => {
      // A new connection each time: the cluster hands them to the workers in turn.
      for (let i = 0; i < 10; i++) expect((await new Client(base).post('/api/auth/login', { email: 'elu@demo.guichet.fr', password: 'pas le bon' })).status).toBe(401);
      const refused = await new Client(base).post('/api/auth/login', { email: 'elu@demo.guichet.fr', password: DEMO_PASSWORD });
      expect(refused.status).toBe(429);
    });

    it('stop together on SIGTERM', async () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    });
  });
});
