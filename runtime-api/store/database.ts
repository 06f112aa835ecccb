import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import mysql2, { type PoolOptions } from 'mysql2';
import { DataSource, type EntityManager, type MigrationInterface } from 'typeorm';
import type { DatabaseKind } from './columns';
import { ENTITIES } from './entities';
import { deferBegin } from './fast';
import { GroupCommit } from './groupCommit';
import { Mutex } from './mutex';
import { InitialMysql1764000000000 } from './migrations/mysql/1764000000000-Initial';
import { InitialSqlite1764000000000 } from './migrations/sqlite/1764000000000-Initial';
import { DossierPartiesMysql1764100000000 } from './migrations/mysql/1764100000000-DossierParties';
import { DossierPartiesSqlite1764100000000 } from './migrations/sqlite/1764100000000-DossierParties';
import { ChannelAndNotesMysql1764200000000 } from './migrations/mysql/1764200000000-ChannelAndNotes';
import { ChannelAndNotesSqlite1764200000000 } from './migrations/sqlite/1764200000000-ChannelAndNotes';
import { InboxCoveringIndexMysql1764300000000 } from './migrations/mysql/1764300000000-InboxCoveringIndex';
import { InboxCoveringIndexSqlite1764300000000 } from './migrations/sqlite/1764300000000-InboxCoveringIndex';
import { LoginFailuresMysql1764400000000 } from './migrations/mysql/1764400000000-LoginFailures';
import { LoginFailuresSqlite1764400000000 } from './migrations/sqlite/1764400000000-LoginFailures';
import { ClosedDossiersMysql1764500000000 } from './migrations/mysql/1764500000000-ClosedDossiers';
import { ClosedDossiersSqlite1764500000000 } from './migrations/sqlite/1764500000000-ClosedDossiers';

const MIGRATIONS: Record<DatabaseKind, (new () => MigrationInterface)[]> = {
  sqlite: [InitialSqlite1764000000000, DossierPartiesSqlite1764100000000, ChannelAndNotesSqlite1764200000000, InboxCoveringIndexSqlite1764300000000, LoginFailuresSqlite1764400000000, ClosedDossiersSqlite1764500000000],
  mysql: [InitialMysql1764000000000, DossierPartiesMysql1764100000000, ChannelAndNotesMysql1764200000000, InboxCoveringIndexMysql1764300000000, LoginFailuresMysql1764400000000, ClosedDossiersMysql1764500000000],
};

export interface DatabaseOptions {
  /** `mysql://user:pass@host:3306/db` for MySQL/MariaDB; absent for the embedded SQLite file. */
  url?: string;
  /** Where the SQLite file lives (`<dataDir>/guichet.sqlite`). */
  dataDir: string;
  /** Connections in the MySQL pool. */
  poolSize?: number;
}

/**
 * mysql2, whose pools open every connection in READ COMMITTED (see `write`): set once per
 * connection rather than before each transaction, which would cost a round trip each time.
 *
 * TypeORM asks a connection for its promise wrapper at every query; mysql2 then `require`s the
 * wrapper's module each time, and under a TypeScript loader's resolver (tsx) that resolution cost
 * more than the query. One wrapper per connection serves every query. No stack is captured per
 * query either (`trace: false`): TypeORM wraps a failed query in its own error.
 */
const readCommittedMysql = {
  ...mysql2,
  createPool(config: PoolOptions) {
    const pool = mysql2.createPool({ ...config, trace: false });
    pool.on('connection', (connection) => {
      void connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
      const promise = connection.promise.bind(connection);
      let wrapper: ReturnType<typeof promise> | undefined;
      connection.promise = () => (wrapper ??= promise());
    });
    return pool;
  },
};

/**
 * The database behind the runtime: SQLite (the embedded default) or MySQL/MariaDB. Every access
 * goes through `read` or `write`, so that callers never depend on which one runs: on SQLite they
 * take turns on its single connection; on MySQL they use the pool, writes in a transaction.
 */
export class Database {
  private readonly mutex = new Mutex();
  private readonly groups: GroupCommit | null;

  private constructor(readonly kind: DatabaseKind, readonly source: DataSource) {
    this.groups = kind === 'sqlite' ? new GroupCommit(source, this.mutex) : null;
  }

  /** Connects and applies pending migrations. */
  static async open(options: DatabaseOptions): Promise<Database> {
    const kind: DatabaseKind = options.url ? 'mysql' : 'sqlite';
    let source: DataSource;
    if (options.url) {
      if (!/^mysql:\/\//.test(options.url)) {
        throw new Error(`DATABASE_URL doit commencer par mysql:// (MySQL ou MariaDB), pas « ${options.url.split(':')[0]}: ».`);
      }
      source = new DataSource({
        type: 'mysql',
        url: options.url,
        entities: ENTITIES,
        migrations: MIGRATIONS.mysql,
        migrationsTransactionMode: 'each',
        poolSize: options.poolSize ?? 20,
        driver: readCommittedMysql,
        // A transition's writes go in one request (see store/fast.ts); every statement has bound parameters.
        multipleStatements: true,
        charset: 'utf8mb4',
        supportBigNumbers: true,
      });
    } else {
      mkdirSync(options.dataDir, { recursive: true });
      source = new DataSource({
        type: 'better-sqlite3',
        database: path.join(options.dataDir, 'guichet.sqlite'),
        entities: ENTITIES,
        migrations: MIGRATIONS.sqlite,
        migrationsTransactionMode: 'each',
        prepareDatabase: (db: { pragma(statement: string): unknown }) => {
          db.pragma('journal_mode = WAL');
          // FULL: a committed transition survives a power cut, not only a crash of the process.
          db.pragma('synchronous = FULL');
          db.pragma('busy_timeout = 5000');
        },
      });
    }
    await source.initialize();
    await source.runMigrations();
    return new Database(kind, source);
  }

  /** Runs reads; on SQLite, never in the middle of someone else's transaction. */
  read<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.mutex.run(() => fn(this.source.manager));
    return fn(this.source.manager);
  }

  /**
   * Runs writes in one transaction: all of them commit, or none, and the promise settles once they
   * have. On SQLite, the transaction may share its commit with others (see `GroupCommit`); `fn`
   * must not wait for another write or read, which would wait for it. On MySQL, READ COMMITTED: the
   * optimistic version check needs no repeatable reads, and without gap locks two transitions on
   * different dossiers do not deadlock on the timers' index; a deadlock InnoDB still reports is
   * retried, the transaction having been rolled back whole.
   */
  async write<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.groups) return this.groups.write(fn);
    for (let attempt = 1; ; attempt++) {
      try {
        // READ COMMITTED is each connection's default (set when the pool opens it): no extra round trip here.
        return await this.transaction(fn);
      } catch (e) {
        const code = (e as { driverError?: { code?: string } }).driverError?.code;
        if (attempt >= 5 || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT')) throw e;
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt * Math.random()));
      }
    }
  }

  /** A MySQL transaction whose START TRANSACTION goes with its first statement (see `deferBegin`). */
  private async transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.source.createQueryRunner();
    deferBegin(runner);
    try {
      return await runner.manager.transaction(fn);
    } finally {
      await runner.release();
    }
  }

  async close(): Promise<void> {
    if (this.source.isInitialized) await this.source.destroy();
  }
}
