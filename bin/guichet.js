#!/usr/bin/env node
// The `guichet` command line. The project runs its TypeScript directly through tsx.
require('tsx/cjs');
require('../runtime-api/cli.ts').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(error instanceof Error ? error.message : error); process.exitCode = 2; },
);
