// The import direction of DESIGN.md, enforced: imports point inward only
// (ui/app -> designer -> ui/forms, ui/api, ui/components -> engine; runtime-api -> engine), the engine
// stays pure (no Node module, no server, no UI) and nobody imports past a folder's index.ts.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

const NODE_BUILTINS = ['fs', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'stream',
  'worker_threads', 'cluster', 'dgram', 'dns', 'tls', 'zlib', 'readline', 'url', 'util', 'events', 'buffer'];

/** Deep import into a top-level folder, e.g. `../engine/run/apply`: go through its index.ts. */
const deepTopLevel = {
  regex: '^(\\.\\./)+(engine|runtime-api|designer|definitions)/.+',
  message: 'Importez le dossier par son index.ts (surface publique), pas un de ses fichiers internes.',
};
const deepUi = {
  regex: '^(\\.\\./)+ui/[^/]+/.+',
  message: 'Importez ui/forms, ui/api… par leur index.ts, pas un de leurs fichiers internes.',
};
/** Deep import into a sibling capability folder, e.g. `../run/apply` from engine/compile. */
const deepSibling = {
  regex: '^\\.\\./[^./][^/]*/.+',
  message: 'Importez le dossier voisin par son index.ts, pas un de ses fichiers internes.',
};
const outer = (folders, why) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message: why });

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'test-results/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['*.js', 'bin/**/*.js', 'test/fixtures/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: restrict(
      { group: [...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `node:${m}`)], message: "Le moteur est pur : aucun module Node (il s'exécute aussi dans le navigateur)." },
      { group: ['koa', 'koa-*', '@koa/*', 'typeorm', 'mysql2', 'better-sqlite3', 'react', 'react-*', '@rjsf/*'], message: "Le moteur n'importe ni serveur, ni base de données, ni interface." },
      outer(['runtime-api', 'ui', 'designer', 'test', 'bench'], "Le moteur n'importe rien des dossiers extérieurs."),
      deepSibling,
    ),
  },
  {
    files: ['runtime-api/**/*.ts'],
    rules: restrict(
      outer(['ui', 'designer'], "L'API n'importe pas l'interface."),
      deepTopLevel,
      deepSibling,
    ),
  },
  {
    files: ['ui/forms/**/*.{ts,tsx}', 'ui/api/**/*.{ts,tsx}', 'ui/components/**/*.{ts,tsx}'],
    rules: restrict(
      { group: ['typeorm', 'koa', 'mysql2', 'better-sqlite3'], message: "L'interface parle à l'API en HTTP, jamais à la base." },
      outer(['runtime-api', 'designer', 'ui/app', 'ui/pages'], 'ui/forms, ui/api et ui/components ne dépendent que du moteur.'),
      deepTopLevel,
      deepSibling,
    ),
  },
  {
    files: ['ui/pages/**/*.{ts,tsx}', 'ui/app/**/*.{ts,tsx}'],
    rules: restrict(
      { group: ['typeorm', 'koa', 'mysql2', 'better-sqlite3'], message: "L'interface parle à l'API en HTTP, jamais à la base." },
      outer(['runtime-api'], "L'interface parle à l'API en HTTP, jamais à son code."),
      deepTopLevel,
      deepUi,
    ),
  },
  {
    files: ['designer/**/*.{ts,tsx}'],
    rules: restrict(
      { group: ['typeorm', 'koa', 'mysql2', 'better-sqlite3'], message: "Le designer parle à l'API en HTTP, jamais à la base." },
      outer(['runtime-api', 'ui/app', 'ui/pages'], "Le designer n'importe que le moteur, ui/forms, ui/api et ui/components."),
      deepTopLevel,
      deepUi,
      deepSibling,
    ),
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: restrict(deepTopLevel, deepUi),
  },
);
