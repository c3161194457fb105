/**
 * Child process of the kill -9 test: commits `turns` turns to a SQLite store, says so on stdout, then waits to
 * be killed. Whatever the parent then reads was made durable by the commits alone (no close, no flush).
 */
import { SqliteSessionStore } from '@parley/session-store';
import { turn } from './turns';

async function main(): Promise<void> {
  const [path, id, turns] = process.argv.slice(2);
  const store = new SqliteSessionStore({ path: path ?? '', ttlSeconds: 0 });
  await store.create(turn(id ?? '', 0));
  for (let version = 1; version <= Number(turns); version += 1) {
    await store.commit(turn(id ?? '', version, { state: `s${version}` }, undefined, [`turn ${version}`]));
  }
  process.stdout.write(`committed ${turns}\n`);
  setInterval(() => undefined, 60_000);
}

void main();
