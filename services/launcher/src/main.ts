/**
 * parley-start [--dev], run in a bot project: both services for the project's bot (PARLEY_BOT, default ./bot.ts)
 * on SQLite under ./data, with any PARLEY_* variable passed through. --dev restarts the dialogue service when the
 * bot's folder changes and turns on PARLEY_DEV_MODE (the web chat shows what the bot's code threw).
 */
import { dirname, join, resolve } from 'node:path';
import { launch } from './launch';

const dev = process.argv.includes('--dev');
const cwd = process.cwd();
const env: NodeJS.ProcessEnv = {
  PARLEY_BOT: './bot.ts',
  PARLEY_STORE: 'sqlite',
  PARLEY_SQLITE_PATH: join(cwd, 'data/sessions.db'),
  PARLEY_MODEL_DIR: join(cwd, 'data/models'),
  PARLEY_NLU_HOST: '127.0.0.1',
  PARLEY_NLU_PORT: '50051',
  ...(dev ? { PARLEY_DEV_MODE: 'true' } : {}),
  ...process.env,
};

void launch({
  cwd,
  env,
  nluMain: require.resolve('@parley/nlu-service/dist/main.js'),
  dialogueMain: require.resolve('@parley/dialogue-service/dist/main.js'),
  ...(dev ? { watch: dirname(resolve(cwd, env.PARLEY_BOT ?? './bot.ts')) } : {}),
});
