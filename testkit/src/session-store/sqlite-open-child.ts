/**
 * Child process of the migration tests: opens a SQLite store on the file it is given (which migrates it), reads
 * one session, says so on stdout and exits. Several run at once to show that migrations take turns.
 */
import { SqliteSessionStore } from '@parley/session-store';

async function main(): Promise<void> {
  const [path, id] = process.argv.slice(2);
  const store = new SqliteSessionStore({ path: path ?? '', ttlSeconds: 0, busyTimeoutMs: 30_000 });
  const session = await store.get(id ?? '');
  process.stdout.write(`opened ${session?.version ?? 'none'}\n`);
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
