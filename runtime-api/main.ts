// `npm start`: Guichet on the embedded SQLite database (or DATABASE_URL), with the shipped
// démarches published and, outside production, demo accounts to try every role. With
// WORKERS=n (MySQL/MariaDB), n server processes share the port: the database prepared once, then
// each process serves requests and runs timers and effects (claimed with SKIP LOCKED).
import cluster from 'node:cluster';
import { configFromEnv, type Config } from './config';
import { DEMO_PASSWORD, type DemoAccount } from './seed';
import { GuichetServer } from './server';

function banner(config: Config, url: string, demoAccounts: DemoAccount[]): void {
  const lines = [
    '',
    `Guichet est prêt : ${url}`,
    `Base de données : ${config.databaseUrl ? 'MySQL/MariaDB' : `SQLite (${config.dataDir})`}`,
  ];
  if (config.workers > 1) lines.push(`Processus serveurs : ${config.workers}`);
  if (demoAccounts.length > 0) {
    lines.push('', `Comptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :`);
    for (const a of demoAccounts) lines.push(`  ${a.email.padEnd(44)} ${a.purpose}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** One server process: the whole of Guichet, or one of the workers. */
async function serve(config: Config, worker: boolean): Promise<void> {
  const server = await GuichetServer.start({ config, prepared: worker });
  if (worker) process.send?.('prêt');
  else banner(config, server.url, server.demoAccounts);
  const stop = async (signal: string) => {
    if (!worker) process.stdout.write(`Arrêt (${signal})…\n`);
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** The primary of several processes: prepares the database, starts the workers, replaces one that dies. */
async function supervise(config: Config): Promise<void> {
  const demoAccounts = await GuichetServer.prepare({ config });
  let stopping = false;
  let ready = 0;
  const fork = () => cluster.fork().on('message', (message) => {
    if (message === 'prêt' && ++ready === config.workers) banner(config, `http://localhost:${config.port}`, demoAccounts);
  });
  for (let i = 0; i < config.workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (ready < config.workers) {
      // One did not even start (a wrong DATABASE_URL, a port taken): starting it again would fail again.
      process.stderr.write(`Guichet n’a pas pu démarrer : un processus serveur s’est arrêté (${signal ?? `code ${code}`}).\n`);
      stop('échec au démarrage');
      return;
    }
    process.stderr.write(`Un processus serveur s’est arrêté (${signal ?? `code ${code}`}) : il est remplacé.\n`);
    fork();
  });
  const stop = (signal: string) => {
    stopping = true;
    process.stdout.write(`Arrêt (${signal})…\n`);
    const workers = Object.values(cluster.workers ?? {});
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) {
      w?.once('exit', () => { if (--left === 0) process.exit(0); });
      w?.process.kill('SIGTERM');
    }
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function main(): Promise<void> {
  const config = configFromEnv();
  if (config.workers > 1 && cluster.isPrimary) await supervise(config);
  else await serve(config, !cluster.isPrimary);
}

main().catch((error: unknown) => {
  process.stderr.write(`Guichet n’a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
