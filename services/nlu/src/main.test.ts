/**
 * The built service as a process: prints its address, answers, and exits 0 on SIGTERM. Runs dist/main.js, so it
 * needs a build first (npx tsc -b services/nlu; npm test builds before testing).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentials } from '@grpc/grpc-js';
import { loadNluPackage } from '@parley/proto';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = join(__dirname, '..', 'dist', 'main.js');

describe('main.ts', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('listens, answers over gRPC, and shuts down gracefully on SIGTERM', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -b services/nlu first`);
    dir = await mkdtemp(join(tmpdir(), 'parley-main-'));
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PARLEY_NLU_PORT: '0', PARLEY_MODEL_DIR: dir, PARLEY_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (\S+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
      });
      const { grpcObject } = loadNluPackage();
      const client = new grpcObject.parley.nlu.v1.Nlu(address, credentials.createInsecure());
      const models = await new Promise<unknown>((resolve, reject) =>
        client.ListModels({}, { deadline: new Date(Date.now() + 10_000) }, (error, response) =>
          error ? reject(error) : resolve(response),
        ),
      );
      client.close();
      expect(models).toEqual({ models: [] });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses to start with a memory cap below what the service itself takes, naming PARLEY_MODEL_MEMORY_MB', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -b services/nlu first`);
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PARLEY_NLU_PORT: '0', PARLEY_MODEL_DIR: join(tmpdir(), 'parley-never-created'), PARLEY_MODEL_MEMORY_MB: '64' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/PARLEY_MODEL_MEMORY_MB=64 is less than the NLU service needs: the process takes \d+ MB at start-up/);
    expect(stderr).toMatch(/set it to at least \d+/);
  });

  it('refuses to start on an invalid variable, naming it', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -b services/nlu first`);
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, PARLEY_NLU_PORT: 'abc' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PARLEY_NLU_PORT="abc"');
  });

  it('refuses to listen on 0.0.0.0 with no API keys, naming PARLEY_ALLOW_UNAUTHENTICATED (protected mode)', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx tsc -b services/nlu first`);
    const env = { PATH: process.env['PATH'] ?? '', PARLEY_NLU_HOST: '0.0.0.0', PARLEY_NLU_PORT: '0' };
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('PARLEY_ALLOW_UNAUTHENTICATED=true');
    expect(output).not.toContain('listening');
  });
});
