/**
 * kill -9 of the dialogue process under load, on SQLite and on PostgreSQL: 32 clients post messages (each with its
 * own messageId) into 16 sessions of the built service; the process is killed mid-load, restarted on the same
 * store, and that three times over. No acknowledged turn is lost: each one's user row is in the history exactly
 * once, followed by exactly the replies it was answered with, and a retry of its messageId returns the same
 * answer. Turns in flight at the kill are retried with their messageId and then also appear exactly once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import { dropPostgresSchema, pingPostgres, POSTGRES_URL, runName } from '@parley/testkit/services/backends';
import {
  killAllServices,
  missingBuild,
  startDialogueProcess,
  startNluProcess,
  type ServiceProcess,
} from '@parley/testkit/services/service-process';
import { lostTurns, type AcknowledgedTurn, type HistoryRow } from '@parley/testkit/reliability/acknowledged-turns';
import { CaseLog } from '@parley/testkit/reliability/case-log';

const SESSIONS = 16;
const CLIENTS = 32;
const KILLS = 3;
/** The process is killed once this many turns were acknowledged in the current round (or after 3 s). */
const ACKS_BEFORE_KILL = 60;

const log = new CaseLog('fault-dialogue-kill', 'fault');
const built = missingBuild();
const postgres = built ?? (await unreachableReason(pingPostgres));

type Turn = Omit<AcknowledgedTurn, 'answer'>;

afterAll(async () => {
  log.write();
  await killAllServices();
});

type StoreSetup = (directory: string) => { env: Record<string, string>; cleanup: () => Promise<void> };

describeKill('SQLite', built, (directory) => ({
  env: { PARLEY_STORE: 'sqlite', PARLEY_SQLITE_PATH: join(directory, 'sessions.db') },
  cleanup: async () => undefined,
}));
describeKill('PostgreSQL', postgres, () => {
  const schema = runName('parley_kill');
  return {
    env: { PARLEY_STORE: 'postgres', PARLEY_POSTGRES_URL: POSTGRES_URL, PARLEY_POSTGRES_SCHEMA: schema },
    cleanup: () => dropPostgresSchema(schema),
  };
});

function describeKill(store: string, unreachable: string | undefined, setup: StoreSetup): void {
  describeWithServer(
    `kill -9 of the dialogue process under load on ${store}`,
    store === 'SQLite' ? 'the built services' : `${store} and the built services`,
    unreachable,
    () => {
      let directory: string;
      let env: Record<string, string>;
      let cleanup: () => Promise<void> = async () => undefined;
      let dialogue: { process: ServiceProcess; url: string };
      const sessions: string[] = [];
      const acknowledged: AcknowledgedTurn[] = [];
      const inDoubt: Turn[] = [];

      beforeAll(async () => {
        directory = await mkdtemp(join(tmpdir(), 'parley-kill-'));
        const nlu = await startNluProcess(join(directory, 'models'));
        const backend = setup(directory);
        cleanup = backend.cleanup;
        env = { ...backend.env, PARLEY_NLU_ADDRESS: nlu.address, PARLEY_BOT: 'weather' };
        dialogue = await startDialogueProcess(env);
        for (let index = 0; index < SESSIONS; index += 1) {
          const response = await fetch(`${dialogue.url}/v1/sessions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ id: `kill-${index}` }),
          });
          expect(response.status).toBe(201);
          sessions.push(`kill-${index}`);
        }
      }, 120_000);
      afterAll(async () => {
        await killAllServices();
        await cleanup();
        if (directory) await rm(directory, { recursive: true, force: true });
      });

      async function post(turn: Turn): Promise<{ status: number; body: string }> {
        const response = await fetch(`${dialogue.url}/v1/sessions/${turn.session}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: turn.text, messageId: turn.messageId }),
        });
        return { status: response.status, body: await response.text() };
      }

      /** One round: clients post until the process dies under them. */
      async function loadUntilKilled(round: number): Promise<void> {
        const ackedBefore = acknowledged.length;
        let killing: Promise<unknown> | undefined;
        const kill = (): void => {
          killing ??= dialogue.process.stop('SIGKILL');
        };
        const timer = setTimeout(kill, 3_000);
        await Promise.all(
          Array.from({ length: CLIENTS }, async (_, client) => {
            for (let n = 0; ; n += 1) {
              const messageId = `r${round}-c${client}-${n}`;
              const turn: Turn = {
                session: sessions[client % SESSIONS] ?? '',
                messageId,
                text: n % 3 === 0 ? `weather in barna ${messageId}` : `hello ${messageId}`,
              };
              try {
                const answer = await post(turn);
                if (answer.status !== 200) throw new Error(`${answer.status} ${answer.body}`);
                acknowledged.push({ ...turn, answer: answer.body });
                if (acknowledged.length - ackedBefore >= ACKS_BEFORE_KILL) kill();
              } catch {
                inDoubt.push(turn);
                return;
              }
            }
          }),
        );
        clearTimeout(timer);
        await killing;
        log.count(`${store}: turns acknowledged`, acknowledged.length - ackedBefore);
      }

      it(`loses no acknowledged turn across ${KILLS} kills under load`, async () => {
        for (let round = 1; round <= KILLS; round += 1) {
          await loadUntilKilled(round);
          dialogue = await startDialogueProcess(env);
        }
        // Turns in flight at a kill: retried with their messageId, they run at most once.
        for (const turn of inDoubt) {
          const answer = await post(turn);
          expect(answer.status).toBe(200);
          acknowledged.push({ ...turn, answer: answer.body });
        }
        const lost: string[] = [];
        for (const turn of acknowledged) {
          const retry = await post(turn);
          if (retry.body !== turn.answer) lost.push(`${turn.messageId}: the retry answered ${retry.status} ${retry.body.slice(0, 100)}`);
        }
        for (const session of sessions) lost.push(...(await historyProblems(session)));
        for (let round = 1; round <= KILLS; round += 1) {
          log.record(`${store}: kill -9 #${round} under load`, { expected: '0 lost', got: `${lost.length} lost`, serverError: false });
        }
        log.count(`${store}: in flight at a kill, retried`, inDoubt.length);
        log.count(`${store}: lost acknowledged turns`, lost.length);
        log.count('lost acknowledged turns', lost.length);
        log.count('acknowledged turns checked', acknowledged.length);
        expect(acknowledged.length).toBeGreaterThan(KILLS * ACKS_BEFORE_KILL * 0.5);
        expect(lost.slice(0, 10)).toEqual([]);
      }, 240_000);

      async function historyProblems(session: string): Promise<string[]> {
        const rows: HistoryRow[] = [];
        for (;;) {
          const url = `${dialogue.url}/v1/sessions/${session}/history?offset=${rows.length}&limit=500`;
          const page = (await (await fetch(url)).json()) as { entries: HistoryRow[]; total: number };
          rows.push(...page.entries);
          if (page.entries.length === 0 || rows.length >= page.total) return lostTurns(session, rows, acknowledged);
        }
      }
    },
  );
}
