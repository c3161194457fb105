/**
 * End to end: the built NLU and dialogue services as processes, a conversation over REST with the weather bot,
 * then the dialogue process is stopped (SIGTERM, then kill -9) and started again, and the same session carries on
 * with nothing lost — on SQLite and on PostgreSQL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import { dropPostgresSchema, pingPostgres, POSTGRES_URL, runName } from '@parley/testkit/services/backends';
import { RestClient } from '@parley/testkit/services/rest-client';
import { killAllServices, missingBuild, startDialogueProcess, startNluProcess } from '@parley/testkit/services/service-process';

const WEATHER = /^The weather in (\w+) is \d+°C (🥶|🥵)$/u;

const built = missingBuild();
const postgres = built ?? (await unreachableReason(pingPostgres));

afterAll(killAllServices);

describeRestart('SQLite', built, async (directory) => ({
  env: { PARLEY_STORE: 'sqlite', PARLEY_SQLITE_PATH: join(directory, 'sessions.db') },
  cleanup: async () => undefined,
}));

describeRestart('PostgreSQL', postgres, async () => {
  const schema = runName('parley_e2e');
  return {
    env: { PARLEY_STORE: 'postgres', PARLEY_POSTGRES_URL: POSTGRES_URL, PARLEY_POSTGRES_SCHEMA: schema },
    cleanup: () => dropPostgresSchema(schema),
  };
});

type StoreSetup = (directory: string) => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;

function describeRestart(store: string, unreachable: string | undefined, setup: StoreSetup): void {
  const server = store === 'SQLite' ? 'the built services' : `${store} and the built services`;
  describeWithServer(`dialogue service restart on ${store}`, server, unreachable, () => {
    let directory: string;
    let cleanup: () => Promise<void> = async () => undefined;
    let env: Record<string, string>;

    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
      const nlu = await startNluProcess(join(directory, 'models'));
      const backend = await setup(directory);
      cleanup = backend.cleanup;
      env = { ...backend.env, PARLEY_NLU_ADDRESS: nlu.address, PARLEY_BOT: 'weather' };
    });
    afterAll(async () => {
      await killAllServices();
      await cleanup();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    it('carries the same session on across a graceful restart and a crash, with nothing lost', async () => {
      let dialogue = await startDialogueProcess(env);
      let api = new RestClient(dialogue.url);
      const created = await api.post('/v1/sessions', {}, 201);
      expect(created).toMatchObject({ state: 's0', replies: [{ type: 'str', content: 'Waiting...' }] });
      const id: string = created.id;

      const barcelona = await api.post(`/v1/sessions/${id}/messages`, { text: 'what is the weather in barna?', messageId: 'm-1' });
      expect(barcelona.state).toBe('s0');
      expect(barcelona.prediction).toMatchObject({ intent: 'weather_intent', scope: 's0' });
      expect(barcelona.replies[0].content).toMatch(WEATHER);
      expect(barcelona.replies[0].content).toContain('Barcelona');
      expect(barcelona.replies[1]).toEqual({ type: 'str', content: 'Waiting...' });

      // Graceful: SIGTERM, exit code 0.
      expect(await dialogue.process.stop('SIGTERM')).toBe(0);
      dialogue = await startDialogueProcess(env);
      api = new RestClient(dialogue.url);
      // The idempotent answer survived the restart: a retry gets the same answer, and the turn does not run again.
      expect(await api.post(`/v1/sessions/${id}/messages`, { text: 'what is the weather in barna?', messageId: 'm-1' })).toEqual(barcelona);
      const luxembourg = await api.post(`/v1/sessions/${id}/messages`, { text: 'weather in LUX' });
      expect(luxembourg.replies[0].content).toContain('Luxembourg');

      // A crash: kill -9. Every answered turn was committed, so nothing is lost.
      await dialogue.process.stop('SIGKILL');
      dialogue = await startDialogueProcess(env);
      api = new RestClient(dialogue.url);
      const fallback = await api.post(`/v1/sessions/${id}/messages`, { text: 'zebra quantum spaghetti' });
      expect(fallback.replies).toEqual([{ type: 'str', content: "Sorry, I didn't get it" }]);
      const madrid = await api.post(`/v1/sessions/${id}/messages`, { text: 'what is the weather in Madrid?' });
      expect(madrid.replies[0].content).toContain('Madrid');

      const history = await api.get(`/v1/sessions/${id}/history?limit=100`);
      expect(history.entries.map((entry: { seq: number; sender: number; text: string }) => [entry.seq, entry.sender, entry.text])).toEqual([
        [1, 0, 'Waiting...'],
        [2, 1, 'what is the weather in barna?'],
        [3, 0, barcelona.replies[0].content],
        [4, 0, 'Waiting...'],
        [5, 1, 'weather in LUX'],
        [6, 0, luxembourg.replies[0].content],
        [7, 0, 'Waiting...'],
        [8, 1, 'zebra quantum spaghetti'],
        [9, 0, "Sorry, I didn't get it"],
        [10, 1, 'what is the weather in Madrid?'],
        [11, 0, madrid.replies[0].content],
        [12, 0, 'Waiting...'],
      ]);
      expect(await api.get(`/v1/sessions/${id}`)).toMatchObject({ id, state: 's0', variables: {} });
      expect(await dialogue.process.stop('SIGTERM')).toBe(0);
    });
  });
}
