import { createInterface } from 'node:readline';
import { createStaff, setStaffPassword, staffByEmail, listStaff, updateStaff, type StaffAccount } from '../admin';
import { ROLES } from '../auth';
import { configFromEnv } from '../config';
import { HttpProblem } from '../problems';
import { Database } from '../store';

export const USERS_USAGE = `Usage : guichet users <action>

  list                                   liste les comptes des agents
  add <e-mail> --given-name <prénom> --family-name <nom> --roles <r1,r2>
      [--services <s1,s2>] [--password-stdin]
                                         crée un compte (sans --password-stdin, il ne peut pas se
                                         connecter tant qu’aucun mot de passe n’est défini)
  set-roles <e-mail> <r1,r2>             remplace les rôles du compte
  set-services <e-mail> [<s1,s2>]        remplace ses services (aucun si vide)
  disable <e-mail>                       désactive le compte et ferme ses sessions
  enable <e-mail>                        réactive le compte
  password <e-mail>                      définit son mot de passe, lu sur l’entrée standard

Rôles : ${Object.keys(ROLES).join(', ')}.
La base est celle du serveur : DATABASE_URL (MySQL/MariaDB), sinon SQLite sous DATA_DIR.
Codes de sortie : 0 fait, 1 refusé, 2 mauvais usage.
`;

/** Where the command reads and writes: the process's streams, or a test's. */
export interface UsersIo {
  out(text: string): void;
  err(text: string): void;
  /** One line of secret input (a password), without its line break. */
  readSecret(prompt: string): Promise<string>;
}

/** Reads the first line of standard input; on a terminal, asks for it first. */
async function readStdinLine(prompt: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(prompt);
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

export const processIo: UsersIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readSecret: readStdinLine,
};

/** A mistake in the command line itself: exit code 2, with the usage. */
class UsageError extends Error {}

/** `--name value`, `--name=value` and bare flags, after the positional arguments. */
function parseOptions(args: string[], valued: readonly string[], flags: readonly string[]): { positional: string[]; options: Record<string, string>; set: Set<string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  const set = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name) && inline === undefined) set.add(name);
    else if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`L’option --${name} attend une valeur.`);
      options[name] = value;
    } else throw new UsageError(`Option inconnue : --${name}.`);
  }
  return { positional, options, set };
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function positionals(args: string[], min: number, max: number): string[] {
  const { positional } = parseOptions(args, [], []);
  if (positional.length < min || positional.length > max) throw new UsageError(min === max ? `Cette action attend ${min} argument(s).` : `Cette action attend de ${min} à ${max} arguments.`);
  return positional;
}

const joined = (items: string[]) => (items.length > 0 ? items.join(', ') : 'aucun');

function state(account: StaffAccount): string {
  if (account.disabled) return 'désactivé';
  return account.canSignIn ? 'actif' : 'sans mot de passe';
}

function table(accounts: StaffAccount[]): string {
  const rows = [['Adresse e-mail', 'Nom', 'Rôles', 'Services', 'État'], ...accounts.map((a) => [a.email, `${a.givenName} ${a.familyName}`, a.roles.join(','), a.services.join(',') || '—', state(a)])];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')).join('\n') + '\n';
}

async function run(db: Database, action: string, args: string[], io: UsersIo): Promise<number> {
  const now = new Date().toISOString();
  switch (action) {
    case 'list': {
      positionals(args, 0, 0);
      const accounts = await listStaff(db);
      io.out(accounts.length > 0 ? table(accounts) : 'Aucun compte d’agent.\n');
      return 0;
    }
    case 'add': {
      const { positional, options, set } = parseOptions(args, ['given-name', 'family-name', 'roles', 'services'], ['password-stdin']);
      if (positional.length !== 1) throw new UsageError('Indiquez l’adresse e-mail du compte à créer.');
      for (const required of ['given-name', 'family-name', 'roles']) if (options[required] === undefined) throw new UsageError(`L’option --${required} est obligatoire.`);
      const password = set.has('password-stdin') ? await io.readSecret('Mot de passe : ') : null;
      const account = await createStaff(db, {
        email: positional[0], givenName: options['given-name'], familyName: options['family-name'], roles: list(options.roles), services: list(options.services), password,
      }, now);
      io.out(`Compte créé : ${account.email} (${account.givenName} ${account.familyName}) ; rôles : ${joined(account.roles)} ; services : ${joined(account.services)}.\n`);
      if (!account.canSignIn) io.out(`Sans mot de passe : ce compte ne pourra se connecter qu’une fois un mot de passe défini (guichet users password ${account.email}).\n`);
      return 0;
    }
    case 'set-roles': {
      const [email, roles] = positionals(args, 2, 2);
      const account = await updateStaff(db, null, (await staffByEmail(db, email)).id, { roles: list(roles) }, now);
      io.out(`Rôles de ${account.email} : ${joined(account.roles)}.\n`);
      return 0;
    }
    case 'set-services': {
      const [email, services] = positionals(args, 1, 2);
      const account = await updateStaff(db, null, (await staffByEmail(db, email)).id, { services: list(services) }, now);
      io.out(`Services de ${account.email} : ${joined(account.services)}.\n`);
      return 0;
    }
    case 'disable':
    case 'enable': {
      const [email] = positionals(args, 1, 1);
      const account = await updateStaff(db, null, (await staffByEmail(db, email)).id, { disabled: action === 'disable' }, now);
      io.out(action === 'disable' ? `Compte ${account.email} désactivé : il ne peut plus se connecter et ses sessions sont fermées.\n` : `Compte ${account.email} réactivé.\n`);
      return 0;
    }
    case 'password': {
      const [email] = positionals(args, 1, 1);
      const { id } = await staffByEmail(db, email);
      const account = await setStaffPassword(db, null, id, { password: await io.readSecret('Nouveau mot de passe : ') });
      io.out(`Mot de passe de ${account.email} défini ; ses sessions ouvertes sont fermées.\n`);
      return 0;
    }
    default:
      throw new UsageError(`Action inconnue : « ${action} ».`);
  }
}

/**
 * `guichet users …`: staff accounts from the command line, on the server's own database (the
 * same configuration: DATABASE_URL or DATA_DIR). It is how the first administrator of a production
 * installation, where there are no demo accounts, gets an account. Resolves to the exit code.
 */
export async function usersCommand(args: string[], io: UsersIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [action, ...rest] = args;
  if (action === undefined || action === 'help' || action === '--help') {
    io.out(USERS_USAGE);
    return action === undefined ? 2 : 0;
  }
  let db: Database | undefined;
  try {
    const known = ['list', 'add', 'set-roles', 'set-services', 'disable', 'enable', 'password'];
    if (!known.includes(action)) throw new UsageError(`Action inconnue : « ${action} ».`);
    const config = configFromEnv(env);
    db = await Database.open({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    return await run(db, action, rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USERS_USAGE}`);
      return 2;
    }
    if (e instanceof HttpProblem) {
      io.err(`Refusé : ${e.detail}\n${e.errors.map((f) => `  - ${f.field} : ${f.message}\n`).join('')}`);
      return 1;
    }
    throw e;
  } finally {
    await db?.close();
  }
}
