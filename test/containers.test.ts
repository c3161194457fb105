/**
 * The container files against the repository. Every path a Dockerfile or docker-compose.yml names exists: COPY
 * sources, compose's build contexts, Dockerfiles and mounted files, and the scripts CMD and HEALTHCHECK run (a
 * dist/ script through the source it is built from). Every variable compose requires is in .env.example. Then each
 * image's CMD and HEALTHCHECK run from a clean build (support/clean-build.ts): with the image's ENV as it is (it
 * listens on 0.0.0.0) and no key, each service refuses to start, naming PARLEY_ALLOW_UNAUTHENTICATED; with the keys
 * compose passes (and a loopback address, as no test may listen beyond it), the NLU starts, its healthcheck passes
 * once the gRPC health service says SERVING, the dialogue trains its bot on it, and its healthcheck passes too.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { freePort } from '../bench/lib/free-port.mjs';
import { cleanBuild, removeCleanBuild } from '@parley/testkit/services/clean-build';
import { parseDockerfile, type DockerStage } from '@parley/testkit/services/dockerfile';
import { killAllServices, ROOT, startService } from '@parley/testkit/services/service-process';

interface ComposeService {
  build?: { context?: string; dockerfile?: string };
  volumes?: string[];
  env_file?: string | string[];
  environment?: Record<string, string | number>;
}

const compose = parseYaml(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };
const images = Object.entries(compose.services)
  .filter(([, service]) => service.build !== undefined)
  .map(([name, service]) => {
    const context = service.build?.context ?? '.';
    const dockerfile = posix.join(context, service.build?.dockerfile ?? 'Dockerfile');
    const stages = parseDockerfile(readFileSync(join(ROOT, dockerfile), 'utf8'));
    return { name, context, dockerfile, stages, final: stages.at(-1) as DockerStage };
  });
const NLU_KEY = 'containers-test-nlu-key-0123456789';
const API_KEY = 'containers-test-api-key-0123456789';

afterAll(killAllServices);

describe('the container files name only what the repository has', () => {
  it('builds both services', () => {
    expect(images.map((image) => image.name).sort()).toEqual(['dialogue', 'nlu']);
  });

  it.each(images)('$dockerfile: every COPY source, and every script CMD and HEALTHCHECK run, exists', ({ context, stages, final }) => {
    const missing: string[] = [];
    for (const stage of stages)
      for (const source of stage.contextSources) if (!existsSync(join(ROOT, context, source))) missing.push(source);
    for (const command of [final.cmd, final.healthcheck]) {
      expect(command?.[0], 'exec form, run by node').toBe('node');
      for (const word of command?.slice(1) ?? []) {
        if (!word.endsWith('.js')) continue;
        // A built script exists in the repository as its TypeScript source; the clean build below makes the .js.
        const source = word.replace(/\/dist\/(.*)\.js$/, '/src/$1.ts');
        if (!existsSync(join(ROOT, context, source))) missing.push(`${word} (source ${source})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names existing build contexts, Dockerfiles, mounted files and env files in docker-compose.yml', () => {
    const missing: string[] = [];
    for (const [name, service] of Object.entries(compose.services)) {
      const paths = [
        ...(service.build
          ? [service.build.context ?? '.', posix.join(service.build.context ?? '.', service.build.dockerfile ?? 'Dockerfile')]
          : []),
        ...(service.volumes ?? [])
          .map((volume) => volume.split(':')[0] ?? '')
          .filter((path) => path.startsWith('.') || path.startsWith('/')),
        ...[service.env_file ?? []].flat(),
      ];
      for (const path of paths) if (!existsSync(join(ROOT, path))) missing.push(`${name}: ${path}`);
    }
    expect(missing).toEqual([]);
  });

  it('requires every key from .env, and .env.example lists each of them', () => {
    const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    const required = [...text.matchAll(/\$\{([A-Z0-9_]+):\?[^}]*\}/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['PARLEY_API_KEYS', 'PARLEY_NLU_API_KEY']));
    expect(text).not.toMatch(/\$\{PARLEY_[A-Z_]*KEYS?:-/); // no key falls back to empty
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    for (const name of required) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });

  it('keeps local installs, builds and secrets out of the build context (.dockerignore)', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const pattern of ['**/node_modules', '**/dist', '**/*.tsbuildinfo', '.env']) expect(ignored).toContain(pattern);
  });
});

describe('each image CMD and HEALTHCHECK from a clean build', () => {
  const build = images.find((image) => image.name === 'nlu')?.stages[0];
  let dir: string;

  beforeAll(async () => {
    expect(build?.run.join(' && ')).toMatch(/npm ci && npm run build && npm prune --omit=dev/);
    dir = await cleanBuild(build?.contextSources ?? []);
  }, 180_000);
  afterAll(async () => {
    await killAllServices();
    if (dir) await removeCleanBuild(dir);
  });

  /** Runs a command of an image (exec form, `node` first) in the clean build; resolves with its exit code and output. */
  function run(command: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, command.slice(1), { cwd: dir, env: { PATH: process.env['PATH'] ?? '', ...env } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }

  /** Runs the image's HEALTHCHECK until it passes (exit 0) or `timeoutMs` runs out; resolves with the last run. */
  async function healthy(
    command: string[],
    env: Record<string, string>,
    timeoutMs = 30_000,
  ): Promise<{ code: number | null; output: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await run(command, env);
      if (result.code === 0 || Date.now() > deadline) return result;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it.each(['nlu', 'dialogue'])(
    '%s: with the image ENV as it is and no key, CMD refuses to start, naming PARLEY_ALLOW_UNAUTHENTICATED',
    async (name) => {
      const image = images.find((entry) => entry.name === name);
      const result = await run(image?.final.cmd ?? [], image?.final.env ?? {});
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.output).toContain('PARLEY_ALLOW_UNAUTHENTICATED');
    },
  );

  it('starts the NLU CMD, whose HEALTHCHECK passes, and the dialogue CMD on it, whose HEALTHCHECK passes', async () => {
    const nlu = images.find((image) => image.name === 'nlu')?.final as DockerStage;
    const dialogue = images.find((image) => image.name === 'dialogue')?.final as DockerStage;
    const nluEnv = {
      ...nlu.env,
      PARLEY_NLU_HOST: '127.0.0.1',
      PARLEY_NLU_PORT: String(await freePort()),
      PARLEY_MODEL_DIR: join(dir, 'data/models'),
      PARLEY_NLU_API_KEYS: NLU_KEY,
    };
    const nluProcess = startService('nlu (clean build)', join(dir, nlu.cmd?.[1] ?? ''), nluEnv);
    await nluProcess.waitFor(/listening on/);
    const nluHealth = await healthy(nlu.healthcheck ?? [], nluEnv);
    expect(nluHealth.output).toContain('SERVING');
    expect(nluHealth.code).toBe(0);

    const dialogueEnv = {
      ...dialogue.env,
      PARLEY_HTTP_HOST: '127.0.0.1',
      PARLEY_HTTP_PORT: String(await freePort()),
      PARLEY_NLU_ADDRESS: `127.0.0.1:${nluEnv.PARLEY_NLU_PORT}`,
      PARLEY_NLU_API_KEY: NLU_KEY,
      PARLEY_API_KEYS: API_KEY,
      PARLEY_SQLITE_PATH: join(dir, 'data/sessions.db'),
    };
    const dialogueProcess = startService('dialogue (clean build)', join(dir, dialogue.cmd?.[1] ?? ''), dialogueEnv);
    await dialogueProcess.waitFor(/dialogue service ready/);
    const dialogueHealth = await healthy(dialogue.healthcheck ?? [], dialogueEnv);
    expect(dialogueHealth.code).toBe(0);

    // With nothing listening, both healthchecks fail.
    expect(await dialogueProcess.stop('SIGTERM')).toBe(0);
    expect(await nluProcess.stop('SIGTERM')).toBe(0);
    expect((await run(dialogue.healthcheck ?? [], dialogueEnv)).code).toBe(1);
    expect((await run(nlu.healthcheck ?? [], nluEnv)).code).toBe(1);
  }, 120_000);
});
