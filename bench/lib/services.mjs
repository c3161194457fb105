// Starts the built NLU and dialogue services as child processes on free loopback ports, for benchmarks.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';
import { startProcess } from './process.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The NLU service (`services/nlu/dist/main.js`) with its models in `modelDir`; resolves once it listens. The sentence
 * encoder is off unless `env` turns it on (PARLEY_NLU_ENCODER=auto): the speed bars are those of models without it.
 */
export async function startNluService({ modelDir, env = {} }) {
  const port = await freePort();
  const proc = await startProcess(process.execPath, [join(root, 'services/nlu/dist/main.js')], {
    env: {
      PARLEY_NLU_HOST: '127.0.0.1',
      PARLEY_NLU_PORT: String(port),
      PARLEY_MODEL_DIR: modelDir,
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_NLU_ENCODER: 'off',
      ...env,
    },
    ready: /listening on/,
  });
  return { ...proc, port };
}

/** The dialogue service with the weather bot, talking to the NLU on `nluPort`; resolves once its model is trained. */
export async function startDialogueService({ nluPort, env = {} }) {
  const port = await freePort();
  const proc = await startProcess(process.execPath, [join(root, 'services/dialogue/dist/main.js')], {
    env: {
      PARLEY_HTTP_HOST: '127.0.0.1',
      PARLEY_HTTP_PORT: String(port),
      PARLEY_NLU_ADDRESS: `127.0.0.1:${nluPort}`,
      PARLEY_BOT: 'weather',
      PARLEY_LOG_LEVEL: 'warn',
      ...env,
    },
    ready: /dialogue service ready/,
  });
  return { ...proc, port };
}
