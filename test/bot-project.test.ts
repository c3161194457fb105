/**
 * A bot project of its own, from packed tarballs, following only the README's steps in a fresh temporary folder:
 * `npx parley init DIR` (which packs Parley's packages with npm pack into DIR/vendor), `npm install`,
 * `npm test`, then `npm start` answering `POST /v1/sessions` and a message over REST.
 *
 * The install asks only the npm registry, and prefers the cache `npm ci` warmed. better-sqlite3's install script
 * would compile SQLite (minutes on 2 cores); it is given this checkout's compiled binary as a local prebuild
 * (prebuild-install's documented `npm_config_<package>_local_prebuilds`), the same bytes for the same Node ABI.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const TIMEOUT_MS = 8 * 60_000;

describe('a bot project from npm-packed tarballs', () => {
  const folder = mkdtempSync(join(tmpdir(), 'parley-project-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it(
    'inits, installs, passes its own test, and answers over REST with npm start',
    async () => {
      const project = join(folder, 'my-bot');
      await run('npx', ['parley', 'init', project], { cwd: ROOT });
      for (const file of ['package.json', 'bot.ts', 'bot.test.ts', 'README.md']) expect(existsSync(join(project, file)), file).toBe(true);
      const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      expect(manifest.dependencies['@parley/bot']).toMatch(/^file:vendor\/parley-bot-0\.1\.0\.tgz$/);

      const env = { ...process.env, npm_config_better_sqlite3_local_prebuilds: localSqlitePrebuild(folder) };
      await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project, env, maxBuffer: 16 * 1024 * 1024 });
      // The installed packages are the packed ones: no test code, types and entry points where exports say.
      const installed = join(project, 'node_modules/@parley');
      expect(existsSync(join(installed, 'bot/dist/index.d.ts'))).toBe(true);
      expect(existsSync(join(installed, 'bot/src'))).toBe(false);
      const { stdout: tests } = await run('npm', ['test'], { cwd: project });
      expect(tests).toMatch(/# pass 1/);

      const started = await npmStart(project);
      const url = started.url;
      try {
        const created = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        expect(created.status).toBe(201);
        const session = (await created.json()) as { id: string; replies: Array<{ content: string }> };
        expect(session.replies.map((reply) => reply.content)).toEqual(['Hello! Ask me about the weather in a city.']);
        const answer = await fetch(`${url}/v1/sessions/${session.id}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'weather in barna' }),
        });
        expect(answer.status).toBe(200);
        expect(((await answer.json()) as { replies: Array<{ content: string }> }).replies).toEqual([
          { type: 'str', content: 'It is 28°C in Barcelona.' },
        ]);
      } finally {
        await started.stop();
      }
    },
    TIMEOUT_MS,
  );
});

/** A folder holding this checkout's better-sqlite3 binary under the name prebuild-install looks for. */
function localSqlitePrebuild(folder: string): string {
  const module = join(ROOT, 'node_modules/better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(module, 'package.json'), 'utf8')) as { version: string };
  const dir = join(folder, 'prebuilds');
  mkdirSync(dir, { recursive: true });
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tar = spawnSync('tar', ['czf', join(dir, name), '-C', module, 'build/Release/better_sqlite3.node']);
  if (tar.status !== 0) throw new Error(`tar of the better-sqlite3 binary failed: ${String(tar.stderr)}`);
  return dir;
}

/** `npm start` in its own process group, on free ports; resolves with the dialogue's URL once it is ready. */
async function npmStart(project: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn('npm', ['start'], {
    cwd: project,
    env: { ...process.env, PARLEY_NLU_PORT: '0', PARLEY_HTTP_PORT: '0', PARLEY_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 3 * 60_000);
    const check = (): void => {
      const match = /Dialogue service \(REST\)\s+(http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`npm start exited:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, stop };
}
