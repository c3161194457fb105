#!/usr/bin/env node
// npm start: runs the NLU service and the dialogue service (the weather example bot on the embedded SQLite store
// unless PARLEY_BOT / PARLEY_STORE say otherwise) as child processes, prints both addresses, and forwards
// SIGINT/SIGTERM to them (as SIGTERM). Any PARLEY_* variable set in the environment is passed through.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const NLU_MAIN = join(root, 'services/nlu/dist/main.js');
const DIALOGUE_MAIN = join(root, 'services/dialogue/dist/main.js');
const START_TIMEOUT_MS = 10 * 60_000;

const env = {
  PARLEY_NLU_HOST: '127.0.0.1',
  PARLEY_NLU_PORT: '50051',
  PARLEY_MODEL_DIR: join(root, 'data/models'),
  PARLEY_BOT: 'weather',
  PARLEY_STORE: 'sqlite',
  PARLEY_SQLITE_PATH: join(root, 'data/sessions.db'),
  ...process.env,
};

const children = new Set();
let stopping = false;

/** The incremental build, every time: a no-op when dist is fresh, so an edited source always runs as edited. */
function build() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; fix it and run npm start again.');
    process.exit(result.status ?? 1);
  }
}

/** Starts `main` with its output prefixed by `name`; resolves with the first match of `ready` in its stdout. */
function start(name, main, childEnv, ready) {
  const child = spawn(process.execPath, [main], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const prefix = (stream, target) => {
    let pending = '';
    stream.on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) target.write(`[${name}] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`[${name}] exited unexpectedly (${signal ?? code}); stopping Parley.`);
      stop(code ?? 1);
    }
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      const match = seen.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready`));
    });
  });
}

// Children always get SIGTERM: on Ctrl+C the terminal already sent them SIGINT, and a second SIGINT could cut
// their graceful shutdown short.
function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 15_000);
  force.unref();
  const waitForChildren = setInterval(() => {
    if (children.size === 0) {
      clearInterval(waitForChildren);
      process.exit(exitCode);
    }
  }, 50);
}

async function main() {
  build();
  mkdirSync(env.PARLEY_MODEL_DIR, { recursive: true });
  if (env.PARLEY_STORE === 'sqlite') mkdirSync(dirname(env.PARLEY_SQLITE_PATH), { recursive: true });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop());

  const nluAddress = await start('nlu', NLU_MAIN, env, /listening on (\S+:\d+)/);
  const dialogueEnv = { ...env, PARLEY_NLU_ADDRESS: nluAddress };
  // The dialogue service prints its address, then "ready" once the bot's model is trained on the NLU.
  const dialogueUrl = await start('dialogue', DIALOGUE_MAIN, dialogueEnv, /dialogue service ready at (http:\/\/\S+)/);
  console.log(
    [
      '',
      `Parley is running the ${env.PARLEY_BOT} bot on the ${env.PARLEY_STORE} store:`,
      `  NLU service (gRPC)       ${nluAddress}`,
      `  Dialogue service (REST)  ${dialogueUrl}`,
      `  Web chat                 ${dialogueUrl}/`,
      `  API docs (OpenAPI)       ${dialogueUrl}/docs`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(`npm start failed: ${error.message}`);
  stop(1);
});
