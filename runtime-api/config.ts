import path from 'node:path';

/** How the runtime is set up, from the environment. */
export interface Config {
  port: number;
  /** Where the embedded database and the stored files live. */
  dataDir: string;
  /** MySQL/MariaDB URL; absent for the embedded SQLite database. */
  databaseUrl?: string;
  production: boolean;
  /** Cookies get the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  /** The town's name, printed on letters. */
  commune: string;
  /** Where the definitions shipped with the product live (published at start when missing). */
  definitionsDir: string;
  /** Built UI to serve at the root, if present. */
  uiDir: string;
  /** Server processes sharing the port (MySQL/MariaDB only: SQLite has one writer). */
  workers: number;
}

const ROOT = path.join(__dirname, '..');

/** Reads the configuration from environment variables, with the embedded defaults. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT invalide : « ${env.PORT} ».`);
  const production = env.NODE_ENV === 'production';
  const workers = env.WORKERS ? Number(env.WORKERS) : 1;
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`WORKERS invalide : « ${env.WORKERS} » (un entier à partir de 1).`);
  if (workers > 1 && !env.DATABASE_URL) throw new Error('WORKERS au-delà de 1 demande MySQL/MariaDB (DATABASE_URL) : la base SQLite embarquée n’a qu’un écrivain.');
  return {
    port,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(ROOT, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    production,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : production,
    commune: env.GUICHET_COMMUNE ?? 'Ville de Démo',
    definitionsDir: path.join(ROOT, 'definitions'),
    uiDir: path.join(ROOT, 'dist', 'ui'),
    workers,
  };
}
