/**
 * The NLU service process killed while it trains a new version: kill -9 at the first progress message, kill -9
 * later in training, and SIGTERM mid-training. Each time, the restarted process (same model directory) serves the
 * previous version at once with the same answers, its production alias unmoved and no half-written version on
 * disk; and a retrain after the crash finishes and swaps the new version in.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { nluV1 } from '@parley/proto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServer } from '@parley/testkit/session-store/server-gate';
import { killAllServices, missingBuild, startNluProcess, type ServiceProcess } from '@parley/testkit/services/service-process';
import { CaseLog } from '@parley/testkit/reliability/case-log';
import { tinyDefinition, train } from '@parley/testkit/reliability/nlu-under-test';
import { decodeResponse, RawGrpcClient } from '@parley/testkit/reliability/raw-grpc';

const log = new CaseLog('fault-nlu-train-kill', 'fault');
const TEXTS = ['hello', 'see you later', 'is it raining in BCN', 'good night', 'zebra quantum'];

/** The next version: one more intent, and enough optimisation steps that training takes a while. */
function slowDefinition(steps: number): nluV1.BotDefinition {
  const base = tinyDefinition('kill_bot');
  return {
    ...base,
    intents: [...(base.intents ?? []), { name: 'thanks', trainingSentences: ['thank you', 'thanks a lot', 'cheers'] }],
    config: { hyperParameters: { minSteps: steps } },
  };
}

describeWithServer('NLU killed during Train', 'the built services', missingBuild(), () => {
  let modelDir: string;
  let nlu: { process: ServiceProcess; address: string };
  let client: RawGrpcClient;
  let v1 = '';
  let answers: string;

  async function start(): Promise<void> {
    // Above the default training limits, so that a training takes long enough to be killed in the middle.
    nlu = await startNluProcess(modelDir, { PARLEY_MAX_TRAINING_STEPS: '10000000' });
    client = new RawGrpcClient(nlu.address);
  }

  async function predictions(): Promise<string> {
    const results = [];
    for (const text of TEXTS) {
      const answer = await client.nlu('Predict', { model: 'kill_bot', text });
      expect(answer.status).toBe('OK');
      results.push(decodeResponse<nluV1.IntentClassifierPrediction__Output>('Predict', answer.messages[0] ?? Buffer.alloc(0)));
    }
    return JSON.stringify(results);
  }

  async function served(): Promise<{ versions: string[]; production: string | undefined; onDisk: string[] }> {
    const model = decodeResponse<nluV1.Model__Output>(
      'GetModel',
      (await client.nlu('GetModel', { model: 'kill_bot' })).messages[0] ?? Buffer.alloc(0),
    );
    const onDisk = (await readdir(join(modelDir, 'kill_bot', 'versions'))).filter((name) => !name.startsWith('.'));
    return { versions: model.versions.map((version) => version.version), production: model.aliases['production'], onDisk };
  }

  beforeAll(async () => {
    modelDir = await mkdtemp(join(tmpdir(), 'parley-train-kill-'));
    await start();
    v1 = (await train(client, tinyDefinition('kill_bot'))).result?.version ?? '';
    answers = await predictions();
  }, 120_000);
  afterAll(async () => {
    log.write();
    client?.close();
    await killAllServices();
    if (modelDir) await rm(modelDir, { recursive: true, force: true });
  });

  const FAULTS: Array<[string, 'SIGKILL' | 'SIGTERM', number]> = [
    ['kill -9 at the first progress message', 'SIGKILL', 1],
    ['kill -9 after 5 progress messages', 'SIGKILL', 5],
    ['SIGTERM while training', 'SIGTERM', 2],
  ];

  for (const [fault, signal, afterMessages] of FAULTS) {
    it(`${fault}: the restarted service serves the previous version at once`, async () => {
      let seen = 0;
      let stopped: Promise<number | null> | undefined;
      const training = client.nlu(
        'Train',
        { definition: slowDefinition(200_000 + afterMessages) },
        {
          deadlineMs: 120_000,
          onMessage: (bytes) => {
            const progress = decodeResponse<nluV1.TrainProgress__Output>('Train', bytes);
            if (progress.state === 'JOB_STATE_TRAINING') seen += 1;
            if (seen >= afterMessages && stopped === undefined) stopped = nlu.process.stop(signal);
          },
        },
      );
      const ended = await training;
      await stopped;
      client.close();
      await start();

      const now = await served();
      const same = (await predictions()) === answers;
      log.record(fault, {
        expected: `serves ${v1}`,
        got: same && now.production === v1 ? `serves ${v1}` : `serves ${now.production}`,
        serverError: false,
      });
      log.count(`${fault}: the Train stream ended ${ended.status}`);
      expect(seen).toBeGreaterThanOrEqual(afterMessages);
      expect(same).toBe(true);
      expect(now).toEqual({ versions: [v1], production: v1, onDisk: [v1] });
    }, 120_000);
  }

  it('a retrain after the crashes finishes and swaps the new version in', async () => {
    const done = await train(client, slowDefinition(300));
    const v2 = done.result?.version ?? '';
    expect(v2).not.toBe(v1);
    expect(await served()).toMatchObject({ production: v2, versions: expect.arrayContaining([v1, v2]) });
    const thanks = decodeResponse<nluV1.IntentClassifierPrediction__Output>(
      'Predict',
      (await client.nlu('Predict', { model: 'kill_bot', text: 'thank you' })).messages[0] ?? Buffer.alloc(0),
    );
    expect(thanks).toMatchObject({ intent: 'thanks', modelVersion: v2 });
  }, 120_000);
});
