/** The runtime: HTTP server, storage, jobs and command line. */
export { generateTypes, writeTypes, type GeneratedFile } from './cli/types';
export { lintPaths, formatProblem, type FileProblem } from './cli/lint';
