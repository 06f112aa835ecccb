import path from 'node:path';
import { formatProblem, lintPaths } from './cli/lint';
import { generateTypes, writeTypes } from './cli/types';
import { usersCommand } from './cli/users';
import { formatScenarios, testFiles } from './cli/test';
import { readFile } from 'node:fs/promises';

const ROOT = path.join(__dirname, '..');

const USAGE = `Usage : guichet <commande>

  lint <fichier-ou-dossier>…   vérifie des définitions de démarches et des tables de routage
  types [--check]              régénère les types TypeScript du format et des formulaires
                               (--check : échoue si les fichiers committés sont périmés)
  test <fichier>…              joue les scénarios des définitions (échoue si l’un échoue)
  users <action>               gère les comptes des agents sur la base du serveur
                               (list, add, set-roles, set-services, disable, enable, password ;
                               guichet users --help pour le détail)
`;

async function lintCommand(args: string[]): Promise<number> {
  if (args.length === 0) {
    process.stderr.write('Indiquez au moins un fichier ou un dossier, par exemple : guichet lint definitions\n');
    return 2;
  }
  const problems = await lintPaths(args, path.join(ROOT, 'definitions'));
  for (const p of problems) (p.severity === 'error' ? process.stdout : process.stderr).write(`${formatProblem(p)}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors === 0) process.stderr.write('Aucune erreur.\n');
  return errors === 0 ? 0 : 1;
}

async function testCommand(args: string[]): Promise<number> {
  if (args.length === 0) {
    process.stderr.write('Indiquez au moins une définition, par exemple : guichet test definitions/passeport-urgence.json\n');
    return 2;
  }
  const all = await testFiles(args);
  process.stdout.write(formatScenarios(all));
  return all.every((f) => f.results.every((r) => r.ok)) ? 0 : 1;
}

async function typesCommand(args: string[]): Promise<number> {
  if (args.includes('--check')) {
    const stale: string[] = [];
    for (const file of await generateTypes(ROOT)) {
      const current = await readFile(path.join(ROOT, file.path), 'utf8').catch(() => null);
      if (current !== file.content) stale.push(file.path);
    }
    for (const file of stale) process.stdout.write(`${file}: périmé, lancez « guichet types »\n`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const file of await writeTypes(ROOT)) process.stdout.write(`${file}\n`);
  return 0;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'lint':
      return lintCommand(args);
    case 'types':
      return typesCommand(args);
    case 'test':
      return testCommand(args);
    case 'users':
      return usersCommand(args);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Commande inconnue : « ${command} ».\n${USAGE}`);
      return 2;
  }
}
