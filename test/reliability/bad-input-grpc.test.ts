/**
 * The gRPC bad-input matrix (support/grpc-cases.ts) against the NLU service in-process on 127.0.0.1:0, through a
 * raw client that sends each request's bytes as they are: every case gets its documented status and names its
 * field, nothing is UNKNOWN or INTERNAL, and the server still answers afterwards. A second server, whose only
 * training never finishes, answers the "still training" and "too many trainings" cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_FIELD_METADATA, type nluV1 } from '@parley/proto';
import { GatedTrainer } from '@parley/testkit/nlu-service/gated-trainer';
import { CaseLog } from '@parley/testkit/reliability/case-log';
import { GRPC_LIMITS, grpcCases, type GrpcCase, type GrpcCaseContext } from '@parley/testkit/reliability/grpc-cases';
import { startNlu, tinyDefinition, train, type NluUnderTest } from '@parley/testkit/reliability/nlu-under-test';
import { decodeResponse, type GrpcAnswer } from '@parley/testkit/reliability/raw-grpc';

const log = new CaseLog('bad-input-grpc', 'bad-input');
const ENV = {
  PARLEY_NLU_TRAINER: 'inline',
  PARLEY_MAX_TEXT_LENGTH: String(GRPC_LIMITS.maxTextLength),
  PARLEY_MAX_BATCH: String(GRPC_LIMITS.maxBatch),
  PARLEY_MAX_EVALUATE_EXAMPLES: String(GRPC_LIMITS.maxEvaluateExamples),
  PARLEY_GRPC_MAX_MESSAGE_MB: String(GRPC_LIMITS.maxMessageMb),
};
/** Statuses that mean the server failed, not the request. */
const SERVER_FAILURES = new Set(['UNKNOWN', 'INTERNAL', 'DATA_LOSS']);

let main: NluUnderTest;
let gated: NluUnderTest;
const context: GrpcCaseContext = { version: '', finishedJob: '' };
/** The cases need the trained version, known once beforeAll ran; they are named from a placeholder table. */
const named = grpcCases({ version: 'VERSION', finishedJob: 'JOB' });
let cases = new Map<string, GrpcCase>();

beforeAll(async () => {
  [main, gated] = await Promise.all([
    startNlu(ENV),
    startNlu({ ...ENV, PARLEY_MAX_CONCURRENT_TRAININGS: '1', PARLEY_MAX_QUEUED_TRAININGS: '0' }, new GatedTrainer()),
  ]);
  const done = await train(main.client, tinyDefinition());
  context.version = done.result?.version ?? '';
  context.finishedJob = done.jobId;
  const pending = await gated.client.nlu('StartTraining', { definition: tinyDefinition('pending') });
  expect(pending.status).toBe('OK');
  cases = new Map(grpcCases(context).map((testCase) => [testCase.name, testCase]));
});
afterAll(async () => {
  log.write();
  await Promise.all([main?.close(), gated?.close()]);
});

function send(testCase: GrpcCase): Promise<GrpcAnswer> {
  const { client } = testCase.server === 'gated' ? gated : main;
  if (testCase.method === 'PredictStream') return client.predictStream(testCase.request);
  if (!testCase.method.startsWith('/')) return client.nlu(testCase.method, testCase.request);
  const bytes = Buffer.isBuffer(testCase.request) ? testCase.request : Buffer.from(JSON.stringify(testCase.request));
  return client.call(testCase.method, bytes);
}

function problemsOf(testCase: GrpcCase, answer: GrpcAnswer): string[] {
  const problems: string[] = [];
  if (answer.status !== testCase.expect)
    problems.push(`expected ${testCase.expect}, got ${answer.status}: ${answer.details.slice(0, 300)}`);
  const field = testCase.field;
  if (field !== undefined && answer.status !== 'OK') {
    const named =
      answer.details.includes(field) || answer.metadata.get(ERROR_FIELD_METADATA).some((value) => String(value).includes(field));
    if (!named) problems.push(`the status does not name "${field}": ${answer.details.slice(0, 300)}`);
  }
  if (answer.status === 'INTERNAL' && answer.details !== 'internal error')
    problems.push(`INTERNAL leaks details: ${answer.details.slice(0, 200)}`);
  return problems;
}

describe('gRPC bad-input matrix', () => {
  it('has distinct case names', () => {
    const names = named.map((testCase) => testCase.name);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const { name } of named) {
    it(name, async () => {
      const testCase = cases.get(name);
      if (!testCase) throw new Error(`no case ${name}`);
      const answer = await send(testCase);
      const problems = problemsOf(testCase, answer);
      log.record(name, { expected: testCase.expect, got: answer.status, serverError: SERVER_FAILURES.has(answer.status) });
      expect(problems).toEqual([]);
    });
  }

  it('still serves afterwards: health SERVING and the same prediction as before', async () => {
    const prediction = await main.client.nlu('Predict', { model: 'greetings', text: 'hello' });
    log.count('crashes', prediction.status === 'OK' ? 0 : 1);
    expect(prediction.status).toBe('OK');
    const [message] = prediction.messages;
    expect(message && decodeResponse<nluV1.IntentClassifierPrediction__Output>('Predict', message)).toMatchObject({
      intent: 'greet',
      modelVersion: context.version,
    });
    const health = await main.client.call('/grpc.health.v1.Health/Check', Buffer.alloc(0));
    expect(health.status).toBe('OK');
    expect(health.messages[0]?.toString('hex')).toBe('0801'); // status: SERVING
  });
});
