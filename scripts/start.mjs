#!/usr/bin/env node
// npm start: builds, then runs the NLU service and the dialogue service (the weather example bot on the embedded
// SQLite store unless PARLEY_BOT / PARLEY_STORE say otherwise) through @parley/launcher, as a bot project's
// npm start does. Any PARLEY_* variable set in the environment is passed through.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The incremental build, every time: a no-op when dist is fresh, so an edited source always runs as edited. */
const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The build failed; fix it and run npm start again.');
  process.exit(build.status ?? 1);
}

const { launch } = createRequire(import.meta.url)(join(root, 'services/launcher/dist/index.js'));
await launch({
  cwd: root,
  nluMain: join(root, 'services/nlu/dist/main.js'),
  dialogueMain: join(root, 'services/dialogue/dist/main.js'),
  env: {
    PARLEY_NLU_HOST: '127.0.0.1',
    PARLEY_NLU_PORT: '50051',
    PARLEY_MODEL_DIR: join(root, 'data/models'),
    PARLEY_BOT: 'weather',
    PARLEY_STORE: 'sqlite',
    PARLEY_SQLITE_PATH: join(root, 'data/sessions.db'),
    ...process.env,
  },
});
