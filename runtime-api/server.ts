import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { Catalogue } from './demarches';
import { newReference } from './dossiers';
import { createApp } from './http';
import { createJobs, type Jobs } from './jobs';
import { consoleLogger, type Logger } from './log';
import type { Runtime } from './runtime';
import { createDemoAccounts, publishShippedDemarches, type DemoAccount } from './seed';
import { Database } from './store';

export interface ServerOptions {
  config: Config;
  clock?: Clock;
  log?: Logger;
  /** Poll for due timers and pending effects (default true; tests that drive time call `jobs.runDue()`). */
  background?: boolean;
  /** The database was prepared already (`prepare`, by the first of several processes): no seeding. */
  prepared?: boolean;
}

/** The database opened (and migrated) with what every part of the runtime shares. */
async function openRuntime(options: ServerOptions, kick: Runtime['kick']): Promise<Runtime> {
  const { config } = options;
  const db = await Database.open({ url: config.databaseUrl, dataDir: config.dataDir });
  return { config, db, clock: options.clock ?? systemClock, catalogue: new Catalogue(db), log: options.log ?? consoleLogger, newReference, kick };
}

/** The shipped démarches published and, outside production, the demo accounts: both kept when already there. */
async function seed(rt: Runtime): Promise<DemoAccount[]> {
  await publishShippedDemarches(rt);
  return createDemoAccounts(rt);
}

/**
 * How long an idle kept-alive connection stays open. Node's default (5 s) is shorter than an agent's
 * pause between two actions: each action would open a new connection, and a busy server accepts new
 * connections one per turn of its event loop. Longer than the usual 60 s of a reverse proxy in
 * front, so that the proxy, not the server, closes an idle connection it might be about to reuse.
 */
const KEEP_ALIVE_MS = 65_000;

/** A running Guichet: database open and migrated, démarches published, HTTP listening. */
export class GuichetServer {
  private constructor(
    readonly rt: Runtime,
    readonly jobs: Jobs,
    private readonly http: Server,
    readonly demoAccounts: DemoAccount[],
  ) {}

  /**
   * Migrates the database, publishes the shipped démarches and creates the demo accounts, then
   * closes it: what the first of several server processes does before the others start.
   */
  static async prepare(options: ServerOptions): Promise<DemoAccount[]> {
    const rt = await openRuntime(options, () => undefined);
    try {
      return await seed(rt);
    } finally {
      await rt.db.close();
    }
  }

  static async start(options: ServerOptions): Promise<GuichetServer> {
    const { config } = options;
    const rt = await openRuntime(options, (work) => jobs.kick(work));
    const jobs = createJobs(rt);
    const { db } = rt;
    try {
      const demoAccounts = options.prepared ? [] : await seed(rt);
      const app = createApp(rt);
      const http = await new Promise<Server>((resolve, reject) => {
        const server = app.listen(config.port, () => resolve(server));
        server.keepAliveTimeout = KEEP_ALIVE_MS;
        server.once('error', reject);
      });
      if (options.background ?? true) jobs.start();
      return new GuichetServer(rt, jobs, http, demoAccounts);
    } catch (e) {
      await db.close();
      throw e;
    }
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  /** Stops accepting requests, lets those under way finish, closes the database. */
  async stop(): Promise<void> {
    await this.jobs.stop();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections?.();
    });
    await this.rt.db.close();
  }
}
