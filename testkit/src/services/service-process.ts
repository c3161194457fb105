/**
 * The built services (dist/main.js) as child processes for cross-service tests: start one, wait for its address,
 * stop it with a signal. Every process started here is remembered, so `killAllServices()` in afterAll ends
 * whatever a failed test left running.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export const NLU_MAIN = join(ROOT, 'services/nlu/dist/main.js');
export const DIALOGUE_MAIN = join(ROOT, 'services/dialogue/dist/main.js');

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process exits or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

const running = new Set<ServiceProcess>();

/** Why the built services are missing, or undefined when both dist/main.js exist. */
export function missingBuild(): string | undefined {
  const missing = [NLU_MAIN, DIALOGUE_MAIN].filter((file) => !existsSync(file));
  return missing.length === 0 ? undefined : `${missing.join(', ')} not built (run npm run build)`;
}

export function startService(name: string, main: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    // The sentence encoder off unless a test turns it on: it costs ~15 ms a prediction and ~1 s to start.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PARLEY_LOG_LEVEL: 'warn', PARLEY_NLU_ENCODER: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const service: ServiceProcess = {
    name,
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern);
          if (match) finish(() => resolve(match));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`${name}: no ${pattern} within ${timeoutMs} ms; output:\n${output}`))),
          timeoutMs,
        );
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        void exited.then((code) => finish(() => reject(new Error(`${name} exited (${code}) before ${pattern}; output:\n${output}`))));
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      running.delete(service);
      return code;
    },
  };
  running.add(service);
  return service;
}

/** Ends every process still running (afterAll), hard: a failed test must not leave servers behind. */
export async function killAllServices(): Promise<void> {
  await Promise.all([...running].map((service) => service.stop('SIGKILL')));
}

/** An NLU service process on a free port; resolves with its host:port once it listens. `env` adds variables. */
export async function startNluProcess(
  modelDir: string,
  env: Record<string, string> = {},
): Promise<{ process: ServiceProcess; address: string }> {
  const nlu = startService('nlu', NLU_MAIN, { PARLEY_NLU_HOST: '127.0.0.1', PARLEY_NLU_PORT: '0', PARLEY_MODEL_DIR: modelDir, ...env });
  const [, address] = await nlu.waitFor(/listening on (\S+:\d+)/);
  return { process: nlu, address: address ?? '' };
}

/** A dialogue service process on a free port; resolves with its base URL once /ready answers 200. */
export async function startDialogueProcess(env: Record<string, string>): Promise<{ process: ServiceProcess; url: string }> {
  const dialogue = startService('dialogue', DIALOGUE_MAIN, { PARLEY_HTTP_HOST: '127.0.0.1', PARLEY_HTTP_PORT: '0', ...env });
  const [, url] = await dialogue.waitFor(/dialogue service listening on (http:\/\/\S+)/);
  await waitUntilReady(url ?? '', dialogue);
  return { process: dialogue, url: url ?? '' };
}

async function waitUntilReady(url: string, service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(`${url}/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited; output:\n${service.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service.name} not ready within ${timeoutMs} ms; output:\n${service.output()}`);
}
