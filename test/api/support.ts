import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { ManualClock, GuichetServer, configFromEnv, quietLogger, DEMO_PASSWORD } from '../../runtime-api';

export type DatabaseUnderTest = 'sqlite' | 'mysql';

const MYSQL_URL = process.env.GUICHET_TEST_MYSQL_URL;

/** The databases every API suite runs on: SQLite always, MariaDB/MySQL when GUICHET_TEST_MYSQL_URL is set. */
export const DATABASES: DatabaseUnderTest[] = MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

let warned = false;
/** Says loudly, once per test file, that the MariaDB half of the suite did not run. */
export function warnIfMysqlSkipped(): void {
  if (MYSQL_URL || warned) return;
  warned = true;
  const line = '='.repeat(78);
  process.stderr.write(`\n${line}\n  ATTENTION : tests MariaDB/MySQL IGNORÉS — GUICHET_TEST_MYSQL_URL n’est pas défini.\n  Seule la base SQLite a été testée. En CI, .ci/run définit cette variable.\n${line}\n\n`);
}

/** A database of its own for one test server, dropped afterwards, so that runs never see each other's rows. */
export async function freshMysqlDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(MYSQL_URL!);
  const name = `guichet_test_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.end();
  const url = new URL(MYSQL_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = await createConnection({ host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** A response as tests read it. */
export interface Reply<T = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  headers: Headers;
}

/** An HTTP client with its own cookie jar and CSRF token: one per signed-in person. */
export class Client {
  private cookie = '';
  csrf = '';
  constructor(readonly baseUrl: string) {}

  async request(method: string, url: string, options: { json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(`${this.baseUrl}${url}`, { method, headers, body });
    const setCookie = response.headers.getSetCookie();
    for (const c of setCookie) {
      const [pair] = c.split(';');
      if (pair.startsWith('guichet_session=')) this.cookie = pair.endsWith('=') ? '' : pair;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  get(url: string, headers?: Record<string, string>) { return this.request('GET', url, { headers }); }
  post(url: string, json?: unknown, headers?: Record<string, string>) { return this.request('POST', url, { json, headers }); }
  put(url: string, json?: unknown, headers?: Record<string, string>) { return this.request('PUT', url, { json, headers }); }

  /** Signs in (demo password by default) and keeps the session cookie and CSRF token. */
  async login(email: string, password = DEMO_PASSWORD): Promise<this> {
    const reply = await this.post('/api/auth/login', { email, password });
    if (reply.status !== 200) throw new Error(`Connexion de ${email} refusée : ${JSON.stringify(reply.body)}`);
    this.csrf = reply.body.csrfToken;
    return this;
  }
}

/** A Guichet server for one test file: its own database and files, a clock the test moves. */
export class TestServer {
  private constructor(
    public server: GuichetServer,
    readonly database: DatabaseUnderTest,
    readonly clock: ManualClock,
    private readonly dataDir: string,
    private readonly databaseUrl: string | undefined,
    private readonly drop: () => Promise<void>,
  ) {}

  static async start(database: DatabaseUnderTest, at = '2026-03-02T09:00:00.000Z'): Promise<TestServer> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'guichet-api-'));
    const mysql = database === 'mysql' ? await freshMysqlDatabase() : undefined;
    const clock = new ManualClock(at);
    const config = { ...configFromEnv({ NODE_ENV: 'test' }), port: 0, dataDir, databaseUrl: mysql?.url };
    const server = await GuichetServer.start({ config, clock, log: quietLogger, background: false });
    return new TestServer(server, database, clock, dataDir, mysql?.url, mysql?.drop ?? (async () => undefined));
  }

  get url(): string {
    return this.server.url;
  }

  client(): Client {
    return new Client(this.url);
  }

  async as(email: string): Promise<Client> {
    return this.client().login(email);
  }

  /** Stops the server and starts a new one on the same database and files: nothing may be lost. */
  async restart(): Promise<void> {
    await this.server.stop();
    this.server = await this.another();
  }

  /** Another server on the same database, files and clock, as a second server process would be (the caller stops it). */
  another(): Promise<GuichetServer> {
    const config = { ...configFromEnv({ NODE_ENV: 'test' }), port: 0, dataDir: this.dataDir, databaseUrl: this.databaseUrl };
    return GuichetServer.start({ config, clock: this.clock, log: quietLogger, background: false });
  }

  /** Moves the clock and runs the timers and effects now due, as the background loops would. */
  async advanceTo(at: string): Promise<void> {
    this.clock.set(at);
    await this.server.jobs.runDue();
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.drop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
