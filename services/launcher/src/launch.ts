/**
 * Runs the NLU service and the dialogue service for one bot, as `npm start` does in the repository and in a bot
 * project, prints their addresses, and stops both on SIGINT/SIGTERM. With `watch`, a change to the bot's files
 * restarts only the dialogue service: sessions stay in the store, and the NLU retrains only when the definition
 * changed (a model version is a hash of the definition, so an unchanged one is found at once).
 */
import { mkdirSync, watch } from 'node:fs';
import { dirname } from 'node:path';
import { startServiceProcess, type ServiceProcess } from './service-process';

export interface LaunchOptions {
  /** Working directory of both services (PARLEY_BOT paths are relative to it). */
  cwd: string;
  /** The entry points of the two services. */
  nluMain: string;
  dialogueMain: string;
  /** Environment of both (PARLEY_* variables); PARLEY_NLU_ADDRESS is set for the dialogue. */
  env: NodeJS.ProcessEnv;
  /** Restart the dialogue service when a file in this folder changes (npm run dev). */
  watch?: string;
  startTimeoutMs?: number;
}

const NLU_READY = /listening on (\S+:\d+)/;
const DIALOGUE_READY = /dialogue service ready at (http:\/\/\S+)/;
const RESTART_DEBOUNCE_MS = 200;

export async function launch(options: LaunchOptions): Promise<void> {
  const timeoutMs = options.startTimeoutMs ?? 10 * 60_000;
  const env = options.env;
  mkdirSync(env.PARLEY_MODEL_DIR ?? 'data/models', { recursive: true });
  if ((env.PARLEY_STORE ?? 'sqlite') === 'sqlite') mkdirSync(dirname(env.PARLEY_SQLITE_PATH ?? 'data/sessions.db'), { recursive: true });
  const running = new Set<ServiceProcess>();
  let stopping = false;
  const stopAll = async (exitCode: number): Promise<never> => {
    stopping = true;
    await Promise.all([...running].map((service) => service.stop()));
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(0));
  const start = (name: string, main: string, childEnv: NodeJS.ProcessEnv, ready: RegExp): ServiceProcess => {
    const service = startServiceProcess(name, main, { cwd: options.cwd, env: childEnv, ready, timeoutMs });
    running.add(service);
    service.onUnexpectedExit((code, signal) => {
      running.delete(service);
      if (stopping || (options.watch !== undefined && name === 'dialogue')) {
        if (!stopping) console.error(`[${name}] exited (${signal ?? code}); fix the bot and save it to start again.`);
        return;
      }
      console.error(`[${name}] exited unexpectedly (${signal ?? code}); stopping Parley.`);
      void stopAll(code ?? 1);
    });
    return service;
  };

  try {
    const nluAddress = await start('nlu', options.nluMain, env, NLU_READY).ready;
    const dialogueEnv: NodeJS.ProcessEnv = { ...env, PARLEY_NLU_ADDRESS: nluAddress };
    let dialogue = start('dialogue', options.dialogueMain, dialogueEnv, DIALOGUE_READY);
    const dialogueUrl = await dialogue.ready;
    // A restart keeps the address, even when the first start took any free port (PARLEY_HTTP_PORT=0).
    dialogueEnv.PARLEY_HTTP_PORT = new URL(dialogueUrl).port;
    printAddresses(env, nluAddress, dialogueUrl, options.watch !== undefined);
    if (options.watch !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      watch(options.watch, { recursive: false }, (_event, file) => {
        if (file === null || !/\.(ts|mts|cts|js|mjs|cjs|json)$/.test(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          console.log(`[dev] ${file} changed: restarting the dialogue service`);
          void dialogue.stop().then(() => {
            running.delete(dialogue);
            dialogue = start('dialogue', options.dialogueMain, dialogueEnv, DIALOGUE_READY);
            dialogue.ready.then(
              (url) => console.log(`[dev] dialogue service ready again at ${url}`),
              (error: Error) => console.error(`[dev] ${error.message}`),
            );
          });
        }, RESTART_DEBOUNCE_MS);
      });
    }
  } catch (error) {
    console.error(`Parley did not start: ${(error as Error).message}`);
    await stopAll(1);
  }
}

function printAddresses(env: NodeJS.ProcessEnv, nluAddress: string, dialogueUrl: string, dev: boolean): void {
  console.log(
    [
      '',
      `Parley is running the ${env.PARLEY_BOT ?? 'weather'} bot on the ${env.PARLEY_STORE ?? 'sqlite'} store${dev ? ' (dev: restarts when the bot changes)' : ''}:`,
      `  NLU service (gRPC)       ${nluAddress}`,
      `  Dialogue service (REST)  ${dialogueUrl}`,
      `  Web chat                 ${dialogueUrl}/`,
      `  API docs (OpenAPI)       ${dialogueUrl}/docs`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}
