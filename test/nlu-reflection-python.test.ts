/**
 * Server reflection as a client outside Node uses it: a Python program (Debian's grpcio and protobuf) that knows only
 * the reflection protocol lists the services, fetches every file declaring them and every import, loads each into
 * a fresh descriptor pool (which refuses malformed descriptors), and calls Predict with a request built from the
 * pool alone (sending its API key: the server requires one for everything but health and reflection), over
 * reflection v1 and v1alpha.
 * The Python reflection stubs are generated here, by grpc_tools, from the official reflection.proto that
 * @grpc/reflection ships.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Metadata } from '@grpc/grpc-js';
import type { nluV1 } from '@parley/proto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import { startNlu, tinyDefinition, type NluUnderTest } from '@parley/testkit/reliability/nlu-under-test';
import { decodeResponse } from '@parley/testkit/reliability/raw-grpc';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, 'python', 'reflection_predict.py');
const API_KEY = 'reflection-test-key-0123456789';
const REFLECTION_PROTO_DIR = join(require.resolve('@grpc/reflection'), '..', '..', 'proto', 'grpc', 'reflection');

const unavailable = await unreachableReason(() => run(PYTHON, ['-c', 'import grpc, grpc_tools.protoc, google.protobuf']));

interface PythonAnswer {
  services: string[];
  files: Record<string, string[]>;
  request_fields: string[];
  prediction_fields: string[];
  prediction: { intent?: string; model_version?: string; ranking?: Array<{ intent: string; score: number }> };
}

describeWithServer('NLU server reflection from Python', `${PYTHON} with grpcio and grpc_tools`, unavailable, () => {
  let nlu: NluUnderTest;
  let stubs = '';
  let version = '';

  beforeAll(async () => {
    stubs = await mkdtemp(join(tmpdir(), 'parley-reflection-stubs-'));
    for (const reflection of ['v1', 'v1alpha']) {
      // A flat module name: grpc.reflection.v1 would resolve inside the grpc package itself.
      await copyFile(join(REFLECTION_PROTO_DIR, reflection, 'reflection.proto'), join(stubs, `reflection_${reflection}.proto`));
      await run(PYTHON, [
        '-m',
        'grpc_tools.protoc',
        '-I',
        stubs,
        `--python_out=${stubs}`,
        `--grpc_python_out=${stubs}`,
        `reflection_${reflection}.proto`,
      ]);
    }
    nlu = await startNlu({ PARLEY_NLU_API_KEYS: API_KEY });
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${API_KEY}`);
    const trained = await nlu.client.nlu('Train', { definition: tinyDefinition('reflection_bot') }, { deadlineMs: 120_000, metadata });
    expect(trained.status).toBe('OK');
    version = decodeResponse<nluV1.TrainProgress__Output>('Train', trained.messages.at(-1) ?? Buffer.alloc(0)).result?.version ?? '';
  }, 120_000);

  afterAll(async () => {
    await nlu?.close();
    if (stubs) await rm(stubs, { recursive: true, force: true });
  });

  it.each(['v1', 'v1alpha'])(
    'over reflection %s: every served file loads into a descriptor pool, and Predict answers',
    async (reflection) => {
      const { stdout } = await run(PYTHON, [SCRIPT, stubs, reflection, nlu.address, 'reflection_bot', 'good morning', API_KEY]);
      const answer = JSON.parse(stdout) as PythonAnswer;
      expect(answer.services.sort()).toEqual([
        'grpc.health.v1.Health',
        'grpc.reflection.v1.ServerReflection',
        'grpc.reflection.v1alpha.ServerReflection',
        'parley.nlu.v1.Nlu',
      ]);
      // Real file names and their imports, as the compiler wrote them.
      expect(answer.files).toEqual({
        'parley/nlu/v1/nlu.proto': ['google/protobuf/struct.proto'],
        'google/protobuf/struct.proto': [],
        'grpc/health/v1/health.proto': [],
        'grpc/reflection/v1/reflection.proto': [],
        'grpc/reflection/v1alpha/reflection.proto': [],
      });
      // Field names as declared (snake_case), not proto-loader's camelCase.
      expect(answer.request_fields).toEqual(['model', 'ref', 'text', 'scope', 'ranking_limit']);
      expect(answer.prediction_fields).toContain('matched_parameters');
      expect(answer.prediction_fields).toContain('model_version');
      expect(answer.prediction.intent).toBe('greet');
      expect(answer.prediction.model_version).toBe(version);
      expect(answer.prediction.ranking).toHaveLength(3);
    },
  );
});
