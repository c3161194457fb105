/** Arguments that run a TypeScript file of the repository in a plain child process (run-typescript.cjs). */
import { join } from 'node:path';

/** The kill -9 test's child: commits turns to a SQLite store and waits to be killed. */
export const SQLITE_CRASH_CHILD = join(__dirname, 'sqlite-crash-child.ts');

/** The migration tests' child: opens (and so migrates) a SQLite file, reads one session, prints its version. */
export const SQLITE_OPEN_CHILD = join(__dirname, 'sqlite-open-child.ts');

/** `node` arguments that run `file` (TypeScript, sources transpiled on the fly) with `args`. */
export function typescriptChildArgs(file: string, args: readonly string[]): string[] {
  return [join(__dirname, 'run-typescript.cjs'), file, ...args];
}
