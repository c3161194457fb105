/**
 * One service as a child process: its output prefixed with its name, its readiness read from its stdout, and a
 * stop that sends SIGTERM and waits for the exit (SIGKILL after a grace).
 */
import { spawn, type ChildProcess } from 'node:child_process';

const KILL_AFTER_MS = 15_000;

export interface ServiceProcess {
  readonly name: string;
  /** The first capture of the readiness pattern (an address). */
  readonly ready: Promise<string>;
  stop(): Promise<void>;
  /** Called when the process exits without having been asked to stop. */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

export function startServiceProcess(
  name: string,
  main: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number },
): ServiceProcess {
  const child = spawn(process.execPath, [main], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  prefixLines(child.stdout, process.stdout, name);
  prefixLines(child.stderr, process.stderr, name);
  let stopping = false;
  let unexpected: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (!stopping) unexpected(code, signal);
  });
  return {
    name,
    ready: readiness(child, name, options.ready, options.timeoutMs),
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
      await exited;
      clearTimeout(force);
    },
    onUnexpectedExit(listener) {
      unexpected = listener;
    },
  };
}

function readiness(child: ChildProcess, name: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? '');
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready`));
    });
  });
}

function prefixLines(stream: NodeJS.ReadableStream | null, target: NodeJS.WritableStream, name: string): void {
  let pending = '';
  stream?.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) target.write(`[${name}] ${line}\n`);
  });
}
