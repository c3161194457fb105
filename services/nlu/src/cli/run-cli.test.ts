/** The parley CLI in process: train (local and through a real server), predict, usage and error exits. */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type CliConfig } from '../config';
import { buildNluServer, type NluServer } from '../grpc/build-nlu-server';
import type { CliIo } from './cli-io';
import { runCli } from './run-cli';

const definitionYaml = `
name: cli-bot
intents:
  - name: greet
    trainingSentences: [hello, hi there, good morning, hey]
  - name: bye
    trainingSentences: [bye, see you later, goodbye, good night]
`;

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], config: CliConfig): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } };
  const code = await runCli(argv, config, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('parley CLI', () => {
  let dir = '';
  let file = '';
  let server: NluServer;
  let remote: CliConfig;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-cli-'));
    file = join(dir, 'bot.yaml');
    await writeFile(file, definitionYaml);
    const config = loadConfig({
      PARLEY_NLU_ENCODER: 'off',
      PARLEY_MODEL_DIR: join(dir, 'server-models'),
      PARLEY_LOG_LEVEL: 'silent',
      PARLEY_NLU_TRAINER: 'inline',
    });
    server = await buildNluServer(config);
    const { port } = await server.listen('127.0.0.1', 0);
    remote = {
      nluAddress: `127.0.0.1:${port}`,
      modelStore: { kind: 'directory', dir: join(dir, 'unused') },
      dialogueUrl: 'http://127.0.0.1:1',
    };
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints usage and exits 2 on a bad command line', async () => {
    expect((await run([], remote)).code).toBe(2);
    expect(await run(['help'], remote)).toMatchObject({ code: 0, stdout: expect.stringContaining('parley eval --train FILE') });
    expect(await run(['fly'], remote)).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "fly"') });
    expect(await run(['predict', 'hello'], remote)).toMatchObject({ code: 2, stderr: expect.stringContaining('--model is required') });
    expect(await run(['train', file, '--fast'], remote)).toMatchObject({ code: 2, stderr: expect.stringContaining('--fast') });
    expect(await run(['eval', '--train', file], remote)).toMatchObject({ code: 2, stderr: expect.stringContaining('--test') });
  });

  it('train --local trains into the model directory, then reuses the unchanged version', async () => {
    const local: CliConfig = {
      nluAddress: 'unused:1',
      modelStore: { kind: 'directory', dir: join(dir, 'local-models') },
      dialogueUrl: 'http://127.0.0.1:1',
    };
    const first = await run(['train', file, '--local'], local);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^model cli-bot version \w+ \(trained in [\d.]+ s\)/);
    expect(first.stderr).toContain('scope *');
    expect(await readdir(join(dir, 'local-models', 'cli-bot', 'versions'))).toHaveLength(1);
    const second = await run(['train', file, '--local'], local);
    expect(second.stdout).toContain('(unchanged, reused)');
  });

  it('train talks to the server and predict prints the prediction JSON', async () => {
    const trained = await run(['train', file, '--alias', 'staging'], remote);
    expect(trained.code).toBe(0);
    const version = /version (\w+)/.exec(trained.stdout)?.[1];
    const predicted = await run(['predict', '--model', 'cli-bot', '--ref', 'staging', 'see', 'you', 'later'], remote);
    expect(predicted.code).toBe(0);
    const prediction = JSON.parse(predicted.stdout) as Record<string, unknown>;
    expect(prediction).toMatchObject({ intent: 'bye', modelVersion: version, scope: '*', fallbackReason: 'NONE' });
  });

  it('eval --json prints exactly one JSON object with the documented keys; without it, a readable report', async () => {
    const rows = (intent: string, texts: string[]) => texts.map((text) => ({ text, intent }));
    const trainFile = join(dir, 'train.json');
    const testFile = join(dir, 'test.json');
    await writeFile(
      trainFile,
      JSON.stringify([
        ...rows('greet', ['hello', 'hi there', 'good morning', 'hey', 'hello friend']),
        ...rows('bye', ['bye', 'see you later', 'goodbye', 'good night', 'bye bye']),
        ...rows('oos', ['what is the capital of peru']),
      ]),
    );
    await writeFile(
      testFile,
      JSON.stringify([...rows('greet', ['hello there']), ...rows('bye', ['goodbye friend']), ...rows('oos', ['purple elephants'])]),
    );
    const json = await run(
      ['eval', '--train', trainFile, '--test', testFile, '--threshold', '0.5', '--seed', '7', '--encoder', 'none', '--json'],
      remote,
    );
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual([
      'top1Accuracy',
      'inScopeAccuracy',
      'oosRecall',
      'threshold',
      'trainSeconds',
      'predictP50Ms',
      'predictP99Ms',
      'intents',
      'trainExamples',
      'testExamples',
      'backend',
      'encoder',
    ]);
    expect(report).toMatchObject({ threshold: 0.5, intents: 2, trainExamples: 10, testExamples: 3, encoder: 'none' });
    // By default (--encoder auto) an English dataset trains with the installed encoder, at the model's own threshold.
    const readable = await run(['eval', '--train', trainFile, '--test', testFile], remote);
    expect(readable.stdout).toMatch(/encoder\s+use-lite\+pooled@0\.2\.0/);
    expect(readable.stdout).toMatch(/threshold\s+0\.\d{3} \(the model's own\)/);
    expect(readable.stdout).toContain('top-1 accuracy');
    expect(readable.stdout).toContain('per intent');
    expect(readable.stdout).toContain('most confused pairs');
    expect(await run(['eval', '--train', trainFile, '--test', testFile, '--threshold', 'high'], remote)).toMatchObject({ code: 2 });
    expect(await run(['eval', '--train', trainFile, '--test', testFile, '--encoder', 'bert'], remote)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--encoder'),
    });
    await writeFile(join(dir, 'rows.json'), '[{"text": "hi"}]');
    expect(await run(['eval', '--train', join(dir, 'rows.json'), '--test', testFile], remote)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('[0].intent'),
    });
  });

  it('reports errors with a clear message and exit code 1', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ name: 'x', intents: [{ name: 'a', trainingSentences: ['hi'] }], config: { threshold: 3 } }));
    expect(
      await run(['train', bad, '--local'], {
        nluAddress: 'unused:1',
        modelStore: { kind: 'directory', dir: join(dir, 'bad-models') },
        dialogueUrl: 'http://127.0.0.1:1',
      }),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('config.threshold'),
    });
    expect(await run(['predict', '--model', 'nobody', 'hello'], remote)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no model "nobody"'),
    });
    const offline = await run(['predict', '--model', 'cli-bot', 'hello'], {
      nluAddress: '127.0.0.1:1',
      modelStore: { kind: 'directory', dir: dir },
      dialogueUrl: 'http://127.0.0.1:1',
    });
    expect(offline).toMatchObject({ code: 1, stderr: expect.stringMatching(/did not answer.*is it running\? \(PARLEY_NLU_ADDRESS\)/) });
  });

  it('sends PARLEY_NLU_API_KEY to a server that requires API keys', async () => {
    const key = 'cli-test-key-0123456789';
    const config = loadConfig({
      PARLEY_NLU_ENCODER: 'off',
      PARLEY_MODEL_DIR: join(dir, 'keyed-models'),
      PARLEY_LOG_LEVEL: 'silent',
      PARLEY_NLU_TRAINER: 'inline',
      PARLEY_NLU_API_KEYS: key,
    });
    const keyed = await buildNluServer(config);
    try {
      const { port } = await keyed.listen('127.0.0.1', 0);
      const address = `127.0.0.1:${port}`;
      const withKey: CliConfig = {
        nluAddress: address,
        modelStore: { kind: 'directory', dir: join(dir, 'unused') },
        dialogueUrl: 'http://127.0.0.1:1',
        nluApiKey: key,
      };
      expect(await run(['train', file], withKey)).toMatchObject({ code: 0, stdout: expect.stringContaining('model cli-bot version') });
      expect(await run(['predict', '--model', 'cli-bot', 'hello'], withKey)).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('"intent": "greet"'),
      });
      const without = await run(['predict', '--model', 'cli-bot', 'hello'], {
        nluAddress: address,
        modelStore: { kind: 'directory', dir: dir },
        dialogueUrl: 'http://127.0.0.1:1',
      });
      expect(without).toMatchObject({ code: 1, stderr: expect.stringContaining('an API key is required') });
      const wrong = await run(['train', file], { ...withKey, nluApiKey: `${key}-wrong` });
      expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('the API key is not valid') });
    } finally {
      await keyed.close();
    }
  });
});
