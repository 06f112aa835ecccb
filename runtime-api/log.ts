/** One line of JSON per event on stderr: easy to read in a terminal and to ship to a log store. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function write(level: string, message: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
}

export const consoleLogger: Logger = {
  info: (m, f) => write('info', m, f),
  warn: (m, f) => write('warn', m, f),
  error: (m, f) => write('error', m, f),
};

/** Keeps only warnings and errors: for tests, where info lines are noise. */
export const quietLogger: Logger = { info: () => undefined, warn: (m, f) => write('warn', m, f), error: (m, f) => write('error', m, f) };
