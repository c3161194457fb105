/**
 * Property-based fuzzing of the NLU service over real gRPC (fast-check): 10,000 generated calls — every RPC with
 * plausible to absurd fields, random bot definitions, raw random bytes — against the service in-process on
 * 127.0.0.1:0. No call ends UNKNOWN, INTERNAL or DATA_LOSS; every prediction is coherent (an intent of its scope
 * or the fallback, scores in [0, 1], ranking best first); afterwards the service is SERVING and answers exactly as
 * before, with the registry unchanged.
 */
import fc from 'fast-check';
import type { nluV1 } from '@parley/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseLog } from '@parley/testkit/reliability/case-log';
import { FirstOnlyTrainer } from '@parley/testkit/reliability/first-only-trainer';
import { fuzzCall, type FuzzCall } from '@parley/testkit/reliability/grpc-arbitraries';
import { startNlu, tinyDefinition, train, type NluUnderTest } from '@parley/testkit/reliability/nlu-under-test';
import { decodeResponse, type GrpcAnswer } from '@parley/testkit/reliability/raw-grpc';
import { fuzzSeed } from '@parley/testkit/reliability/fuzz-seed';

const RUNS = 10_000;
const SERVER_FAILURES = new Set(['UNKNOWN', 'INTERNAL', 'DATA_LOSS']);
const SCOPES: Record<string, string[]> = { start: ['greet', 'bye'], '*': ['greet', 'bye', 'weather'], '': ['greet', 'bye', 'weather'] };
const REFERENCE_TEXTS = ['hello', 'see you later', 'is it raining in BCN', 'zebra quantum'];

const log = new CaseLog('fuzz-grpc', 'fuzz');
const trainer = new FirstOnlyTrainer(1);
let nlu: NluUnderTest;
let version = '';
let reference: string;

async function snapshot(): Promise<string> {
  const answers = [];
  for (const scope of ['', 'start']) {
    for (const text of REFERENCE_TEXTS) answers.push(await nlu.client.nlu('Predict', { model: 'greetings', text, scope }));
  }
  const model = await nlu.client.nlu('GetModel', { model: 'greetings' });
  const decoded = answers.map((answer) => answer.messages[0] && decodeResponse('Predict', answer.messages[0]));
  const { versions, aliases } = decodeResponse<nluV1.Model__Output>('GetModel', model.messages[0] ?? Buffer.alloc(0));
  return JSON.stringify({ decoded, versions: versions.map((entry) => entry.version), production: aliases['production'] });
}

beforeAll(async () => {
  nlu = await startNlu({ PARLEY_MAX_BATCH: '8', PARLEY_MAX_EVALUATE_EXAMPLES: '50', PARLEY_MAX_CONCURRENT_TRAININGS: '1' }, trainer);
  version = (await train(nlu.client, tinyDefinition())).result?.version ?? '';
  reference = await snapshot();
});
afterAll(async () => {
  log.write();
  await nlu?.close();
});

/** What is wrong with a successful Predict answer, if anything. */
function predictionProblems(call: FuzzCall, answer: GrpcAnswer): string[] {
  const request = call.request as { model?: string; scope?: string };
  const [bytes] = answer.messages;
  if (call.method !== 'Predict' || answer.status !== 'OK' || !bytes || Buffer.isBuffer(call.request)) return [];
  const prediction = decodeResponse<nluV1.IntentClassifierPrediction__Output>('Predict', bytes);
  const allowed = SCOPES[request.scope ?? ''];
  const problems: string[] = [];
  if (allowed && prediction.intent !== 'fallback_intent' && !allowed.includes(prediction.intent))
    problems.push(`intent ${prediction.intent} outside scope ${request.scope}`);
  if (!(prediction.score >= 0 && prediction.score <= 1)) problems.push(`score ${prediction.score}`);
  const scores = prediction.ranking.map((entry) => entry.score);
  if (scores.some((score, index) => !(score >= 0 && score <= 1) || (index > 0 && score > (scores[index - 1] ?? 1))))
    problems.push(`ranking ${JSON.stringify(scores)}`);
  if (prediction.modelVersion !== version) problems.push(`model version ${prediction.modelVersion}`);
  return problems;
}

describe('gRPC fuzzing', () => {
  it(`${RUNS} generated calls: never UNKNOWN / INTERNAL / DATA_LOSS, every prediction coherent`, async () => {
    // PARLEY_FUZZ_SEED replays a run (the summary records its seed).
    const seed = fuzzSeed();
    log.count('seed', seed);
    const details = await fc.check(
      fc.asyncProperty(fuzzCall, async (call) => {
        // Train streams until its job ends; a held job never does, so the client gives up (DEADLINE_EXCEEDED).
        const answer = await nlu.client.nlu(call.method, call.request, {
          deadlineMs: call.method === 'Train' || call.method === 'WatchJob' ? 1_000 : 10_000,
        });
        const problems = [
          ...(SERVER_FAILURES.has(answer.status) ? [`${answer.status}: ${answer.details}`] : []),
          ...predictionProblems(call, answer),
        ];
        log.generatedRequest(answer.status, problems.length > 0);
        log.count(`${call.method}${Buffer.isBuffer(call.request) ? ' (raw bytes)' : ''}`);
        if (problems.length > 0)
          throw new Error(
            `${call.method} ${Buffer.isBuffer(call.request) ? call.request.toString('hex') : JSON.stringify(call.request).slice(0, 300)} → ${problems.join('; ')}`,
          );
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
    expect(details.failed ? fc.defaultReportMessage(details) : undefined).toBeUndefined();
  }, 300_000);

  it('is still SERVING afterwards, answering exactly as before with the registry unchanged', async () => {
    const health = await nlu.client.call('/grpc.health.v1.Health/Check', Buffer.alloc(0));
    log.count('crashes', health.messages[0]?.toString('hex') === '0801' ? 0 : 1);
    expect(health.messages[0]?.toString('hex')).toBe('0801');
    expect(await snapshot()).toBe(reference);
    log.count('trainings held by the test trainer', trainer.held);
  });
});
