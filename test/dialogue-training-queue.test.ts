/**
 * Dialogue services that need a training while the NLU's only training slot is busy, as processes: two services
 * with different bots started together on a fresh NLU both become ready — the second one's training waits in the
 * NLU's queue, or, when the NLU keeps no queue, the service asks again until a slot is free. Neither exits. A
 * service whose training cannot finish within PARLEY_NLU_TRAIN_TIMEOUT_MS stops, naming the variable.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeWithServer } from '@parley/testkit/session-store/server-gate';
import { NluOperator } from '@parley/testkit/services/nlu-operator';
import {
  killAllServices,
  missingBuild,
  startDialogueProcess,
  startNluProcess,
  startService,
  DIALOGUE_MAIN,
} from '@parley/testkit/services/service-process';

const dirs: string[] = [];
afterAll(async () => {
  await killAllServices();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freshNlu(env: Record<string, string>): Promise<{ address: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-training-queue-'));
  dirs.push(dir);
  return startNluProcess(join(dir, 'models'), { PARLEY_MAX_CONCURRENT_TRAININGS: '1', ...env });
}

function dialogueEnv(address: string, bot: string): Record<string, string> {
  return { PARLEY_NLU_ADDRESS: address, PARLEY_BOT: bot, PARLEY_STORE: 'memory' };
}

describeWithServer('dialogue services waiting for the NLU to train', 'the built services', missingBuild(), () => {
  it.each([
    ['in the NLU queue', {}, true],
    ['asking again while the NLU keeps no queue', { PARLEY_MAX_QUEUED_TRAININGS: '0' }, false],
  ])(
    'two services with different bots started together on a fresh NLU both become ready (%s)',
    async (_how, env, queued) => {
      const nlu = await freshNlu(env);
      const [weather, greetings] = await Promise.all([
        startDialogueProcess({ ...dialogueEnv(nlu.address, 'weather'), PARLEY_LOG_LEVEL: 'info' }),
        startDialogueProcess({ ...dialogueEnv(nlu.address, 'greetings'), PARLEY_LOG_LEVEL: 'info' }),
      ]);
      // The slot was busy for one of them: it waited in the queue (and said so), not exited.
      const waited = [weather, greetings].filter((service) => service.process.output().includes('waiting in its queue'));
      expect(waited).toHaveLength(queued ? 1 : 0);
      for (const service of [weather, greetings]) {
        expect(service.process.child.exitCode).toBeNull();
        expect((await fetch(`${service.url}/ready`)).status).toBe(200);
      }
      const operator = new NluOperator(nlu.address);
      try {
        for (const model of ['weather_bot', 'greetings_bot']) expect((await operator.getModel(model)).versions).toHaveLength(1);
      } finally {
        operator.close();
      }
    },
    180_000,
  );

  it('a service whose model cannot be trained within PARLEY_NLU_TRAIN_TIMEOUT_MS (no NLU answers) stops, naming it', async () => {
    const late = startService('dialogue', DIALOGUE_MAIN, {
      ...dialogueEnv('127.0.0.1:1', 'greetings'),
      PARLEY_HTTP_HOST: '127.0.0.1',
      PARLEY_HTTP_PORT: '0',
      PARLEY_NLU_TRAIN_TIMEOUT_MS: '1500',
    });
    const code = await new Promise<number | null>((resolve) => late.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(late.output()).toMatch(/did not train greetings_bot within 1500 ms \(PARLEY_NLU_TRAIN_TIMEOUT_MS\)/);
  }, 60_000);
});
