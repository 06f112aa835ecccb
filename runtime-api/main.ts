// `npm start`: Guichet on the embedded SQLite database (or DATABASE_URL), with the shipped
// démarches published and, outside production, demo accounts to try every role.
import { configFromEnv } from './config';
import { DEMO_PASSWORD } from './seed';
import { GuichetServer } from './server';

async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await GuichetServer.start({ config });
  const lines = [
    '',
    `Guichet est prêt : ${server.url}`,
    `Base de données : ${server.rt.db.kind === 'sqlite' ? `SQLite (${config.dataDir})` : 'MySQL/MariaDB'}`,
  ];
  if (server.demoAccounts.length > 0) {
    lines.push('', `Comptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :`);
    for (const a of server.demoAccounts) lines.push(`  ${a.email.padEnd(44)} ${a.purpose}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const stop = async (signal: string) => {
    process.stdout.write(`Arrêt (${signal})…\n`);
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Guichet n’a pas pu démarrer : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
