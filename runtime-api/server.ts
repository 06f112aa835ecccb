import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { Catalogue } from './demarches';
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
}

/** A running Guichet: database open and migrated, démarches published, HTTP listening. */
export class GuichetServer {
  private constructor(
    readonly rt: Runtime,
    readonly jobs: Jobs,
    private readonly http: Server,
    readonly demoAccounts: DemoAccount[],
  ) {}

  static async start(options: ServerOptions): Promise<GuichetServer> {
    const { config } = options;
    const db = await Database.open({ url: config.databaseUrl, dataDir: config.dataDir });
    const rt: Runtime = {
      config, db, clock: options.clock ?? systemClock, catalogue: new Catalogue(db), log: options.log ?? consoleLogger,
      kick: () => jobs.kick(),
    };
    const jobs = createJobs(rt);
    try {
      await publishShippedDemarches(rt);
      const demoAccounts = await createDemoAccounts(rt);
      const app = createApp(rt);
      const http = await new Promise<Server>((resolve, reject) => {
        const server = app.listen(config.port, () => resolve(server));
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
