/**
 * The docker-compose topology as processes: 2 NLU replicas (models in the machine's PostgreSQL, in a schema of this
 * run, with no shared directory: each replica has a model directory of its own, which stays empty; model events
 * over the same database's LISTEN/NOTIFY) behind one DNS name, as compose's `nlu` service is (a test DNS server
 * answers for it; the replicas listen on 127.0.0.1 and 127.0.0.2 with one port), 2 dialogue replicas (Redis store
 * under a key prefix of this run, following the `production` alias) that reach the NLU by that name. 64 clients send
 * 10,000 turns across both dialogue replicas, each into sessions it owns, each message with a messageId, retrying as
 * the README tells clients to (connection error or 503: the same request to the other replica). Meanwhile an
 * operator trains a new version of the bot's model (another seed) and moves the alias — a hot swap — and one dialogue
 * replica is restarted (SIGTERM, then started again on the same port). No turn may fail, no message be lost or
 * doubled, answers begun after the swap must carry the new version, and both replicas must have served turns. Then
 * both services' /metrics are checked. Last, under a steady load, a third NLU replica joins the name (it must serve
 * at least 20 % of the predictions of its first 30 s) and the second leaves it and stops: no turn may fail, even once.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { weatherBot } from '@parley/examples';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import { freePort } from '../bench/lib/free-port.mjs';
import { lostTurns, type AcknowledgedTurn, type HistoryRow } from '@parley/testkit/reliability/acknowledged-turns';
import {
  deleteRedisKeys,
  dropPostgresSchema,
  pingPostgres,
  pingRedis,
  POSTGRES_URL,
  REDIS_URL,
  runName,
} from '@parley/testkit/services/backends';
import { NluOperator } from '@parley/testkit/services/nlu-operator';
import { RestClient } from '@parley/testkit/services/rest-client';
import { RetryingTurnClient } from '@parley/testkit/services/retrying-turn-client';
import {
  killAllServices,
  missingBuild,
  startDialogueProcess,
  startNluProcess,
  type ServiceProcess,
} from '@parley/testkit/services/service-process';
import { TestDnsServer } from '@parley/testkit/services/test-dns-server';

const CLIENTS = 64;
const TURNS = 10_000;
const SESSIONS_PER_CLIENT = 2;
/** The hot swap starts once this many turns were answered, the replica restart at the second mark. */
const SWAP_AT = 1_000;
const RESTART_AT = 3_000;
const ALIAS = 'production';
const CITIES = ['BCN', 'barna', 'Madrid', 'LUX', 'Luxembourg'];
const definition = weatherBot.definition();
const MODEL = definition.name;
/** The name compose gives the NLU replicas, and the loopback addresses the replicas of this test listen on. */
const NLU_NAME = 'nlu.topology.parley.test';
const NLU_HOSTS = ['127.0.0.1', '127.0.0.2', '127.0.0.3'];
/** The scaling phase: its clients, how long a new replica has to get its share, and the share it must get. */
const SCALE_CLIENTS = 32;
const NEW_REPLICA_WINDOW_MS = 30_000;
const NEW_REPLICA_MIN_SHARE = 0.2;
const AFTER_REMOVAL_MS = 10_000;

interface Turn extends AcknowledgedTurn {
  client: number;
  /** When its first attempt was sent, and when its answer came. */
  sentAt: number;
  answeredAt: number;
  replica: number;
  attempts: number;
  modelVersion: string;
}

const unreachable = missingBuild() ?? (await unreachableReason(pingRedis)) ?? (await unreachableReason(pingPostgres));

afterAll(killAllServices);

describeWithServer('the docker-compose topology as processes', 'Redis, PostgreSQL and the built services', unreachable, () => {
  const prefix = `${runName('parley_topology')}:`;
  const modelSchema = runName('parley_topology_models');
  let directory: string;
  let dns: TestDnsServer;
  let nluPort: number;
  const nlus: Array<{ process: ServiceProcess; address: string }> = [];
  const nluAddresses: string[] = [];
  const nluMetricsPorts: number[] = [];
  let dialogueEnv: Record<string, string>;
  const replicas: Array<{ process: ServiceProcess; url: string }> = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const started = Date.now();
    directory = await mkdtemp(join(tmpdir(), 'parley-topology-'));
    dns = await new TestDnsServer().start();
    nluPort = await freePort();
    nluMetricsPorts.push(await freePort(), await freePort());
    nlus.push(...(await Promise.all(nluMetricsPorts.map((port, index) => startNlu(index, port)))));
    nluAddresses.push(...nlus.map((nlu) => nlu.address));
    dns.set(NLU_NAME, NLU_HOSTS.slice(0, 2));
    dialogueEnv = {
      PARLEY_STORE: 'redis',
      PARLEY_REDIS_URL: REDIS_URL,
      PARLEY_REDIS_KEY_PREFIX: prefix,
      // As compose's dns:///nlu:50051, through the test's DNS server; names are looked up again every 5 s (default).
      PARLEY_NLU_ADDRESS: `dns://${dns.address}/${NLU_NAME}:${nluPort}`,
      PARLEY_NLU_MODEL_ALIAS: ALIAS,
      PARLEY_BOT: 'weather',
    };
    // One after the other: the first trains the model and creates the alias, the second reuses both.
    for (let index = 0; index < 2; index += 1) replicas.push(await startDialogueProcess(dialogueEnv));
    timings['start-up'] = Date.now() - started;
  }, 120_000);

  /** NLU replica `index` on NLU_HOSTS[index] and the shared port, with the shared PostgreSQL model store. */
  function startNlu(index: number, metricsPort: number): Promise<{ process: ServiceProcess; address: string }> {
    return startNluProcess(join(directory, `models-${index}`), {
      PARLEY_NLU_HOST: NLU_HOSTS[index] ?? '',
      PARLEY_NLU_PORT: String(nluPort),
      PARLEY_MODEL_STORE: POSTGRES_URL,
      PARLEY_MODEL_STORE_SCHEMA: modelSchema,
      PARLEY_NLU_METRICS_PORT: String(metricsPort),
    });
  }

  afterAll(async () => {
    console.info(`topology test timings (ms): ${JSON.stringify(timings)}`);
    await killAllServices();
    await dns?.close();
    await deleteRedisKeys(prefix);
    await dropPostgresSchema(modelSchema);
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it(`loses no turn: ${CLIENTS} clients, ${TURNS} turns on 2 replicas, through a hot swap and a rolling restart`, async () => {
    const operator = new NluOperator(nluAddresses[0] ?? '');
    const before = (await operator.getModel(MODEL)).aliases[ALIAS];
    expect(before).toBeDefined();

    const sessions = await createSessions(replicas.map((replica) => new RestClient(replica.url)));
    const client = new RetryingTurnClient(replicas.map((replica) => replica.url));
    const turns: Turn[] = [];
    const failures: string[] = [];
    let swap: { version: string; movedAt: number; servedFrom: number } | undefined;
    let restartedAt: number | undefined;
    const events: Array<Promise<void>> = [];

    const hotSwap = async (): Promise<void> => {
      const reseeded = { ...definition, config: { ...definition.config, seed: definition.config.seed + 1 } };
      const version = await operator.train(reseeded, ['staging']);
      const movedAt = Date.now();
      await operator.setAlias(MODEL, ALIAS, version);
      // Answers begun once every NLU replica serves the new version by the alias must carry it.
      await Promise.all(nluAddresses.map((address) => waitUntilServed(address, version)));
      swap = { version, movedAt, servedFrom: Date.now() };
      timings['hot swap visible after the move'] = swap.servedFrom - movedAt;
    };
    const restart = async (): Promise<void> => {
      const [first] = replicas;
      if (!first) return;
      const stopping = Date.now();
      expect(await first.process.stop('SIGTERM')).toBe(0);
      timings['replica stop'] = Date.now() - stopping;
      const port = new URL(first.url).port;
      const again = await startDialogueProcess({ ...dialogueEnv, PARLEY_HTTP_PORT: port });
      expect(again.url).toBe(first.url);
      replicas[0] = again;
      restartedAt = Date.now();
      timings['replica restart'] = restartedAt - stopping;
    };

    const loadStarted = Date.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const count = Math.floor(TURNS / CLIENTS) + (c < TURNS % CLIENTS ? 1 : 0);
        for (let n = 0; n < count; n += 1) {
          const session = sessions[c * SESSIONS_PER_CLIENT + (n % SESSIONS_PER_CLIENT)] ?? '';
          // Every tenth message is nonsense, so fallbacks happen too; every text is unique, to be found in the history.
          const text = n % 10 === 9 ? `zebra quantum spaghetti ${c}-${n}` : `weather in ${CITIES[(c + n) % CITIES.length]} (${c}-${n})`;
          const messageId = `c${c}-n${n}`;
          const sentAt = Date.now();
          try {
            const answer = await client.send(session, text, messageId, (c + n) % 2);
            const body = JSON.parse(answer.body) as { prediction?: { modelVersion?: string } };
            const modelVersion = body.prediction?.modelVersion ?? '';
            turns.push({
              client: c,
              session,
              text,
              messageId,
              answer: answer.body,
              sentAt,
              answeredAt: Date.now(),
              replica: answer.replica,
              attempts: answer.attempts,
              modelVersion,
            });
          } catch (error) {
            failures.push((error as Error).message);
          }
          if (turns.length === SWAP_AT) events.push(hotSwap());
          if (turns.length === RESTART_AT) events.push(restart());
        }
      }),
    );
    timings['load'] = Date.now() - loadStarted;
    await Promise.all(events);
    operator.close();

    expect(failures.slice(0, 5)).toEqual([]);
    expect(turns).toHaveLength(TURNS);

    // 0 lost messages: each session's history holds exactly its client's messages, once each, in the order sent,
    // each followed by exactly the replies its client got.
    const checking = Date.now();
    const api = new RestClient(replicas[1]?.url ?? '');
    const lost: string[] = [];
    for (const session of sessions) {
      const page = (await api.get(`/v1/sessions/${session}/history?limit=500`)) as { entries: HistoryRow[]; total: number };
      expect(page.total).toBe(page.entries.length);
      const sent = turns.filter((turn) => turn.session === session);
      const users = page.entries.filter((row) => row.sender === 1).map((row) => row.text);
      if (users.join('\n') !== sent.map((turn) => turn.text).join('\n')) lost.push(`${session}: user messages differ from what was sent`);
      lost.push(...lostTurns(session, page.entries, sent));
    }
    timings['history check'] = Date.now() - checking;
    expect(lost.slice(0, 5)).toEqual([]);

    // The hot swap: every answer begun after both NLUs served the new version carries it.
    expect(swap, 'the hot swap finished during the load').toBeDefined();
    const { version, movedAt, servedFrom } = swap ?? { version: '', movedAt: 0, servedFrom: 0 };
    expect(version).not.toBe(before);
    const afterSwap = turns.filter((turn) => turn.sentAt > servedFrom);
    expect(afterSwap.length).toBeGreaterThan(TURNS / 10);
    expect(
      afterSwap
        .filter((turn) => turn.modelVersion !== version)
        .map((turn) => `${turn.messageId}: ${turn.modelVersion}`)
        .slice(0, 5),
    ).toEqual([]);
    const beforeSwap = turns.filter((turn) => turn.answeredAt < movedAt);
    expect(beforeSwap.length).toBeGreaterThanOrEqual(SWAP_AT);
    expect(beforeSwap.every((turn) => turn.modelVersion === before)).toBe(true);

    // Both replicas served turns, the restarted one again after its restart.
    const served = [0, 1].map((replica) => turns.filter((turn) => turn.replica === replica).length);
    expect(served.every((count) => count > TURNS / 10)).toBe(true);
    expect(restartedAt, 'the restart finished during the load').toBeDefined();
    expect(turns.some((turn) => turn.replica === 0 && turn.sentAt > (restartedAt ?? Infinity))).toBe(true);
    // The restart happened under load: some turns met the stopped replica and were retried on the other.
    const retried = turns.filter((turn) => turn.attempts > 1).length;
    timings['turns retried'] = retried;
    expect(retried).toBeGreaterThan(0);
    timings['turns/s'] = Math.round(TURNS / (timings['load'] / 1000));
  }, 300_000);

  it('exposes turn latency, predictions per intent, fallbacks, NLU and store latency on both services', async () => {
    for (const replica of replicas) {
      const text = await (await fetch(`${replica.url}/metrics`)).text();
      expect(text).toMatch(/parley_dialogue_turn_duration_seconds_count\{kind="message",code="OK"\} [1-9]/);
      expect(text).toMatch(/parley_dialogue_predictions_total\{intent="weather_intent"\} [1-9]/);
      expect(text).toMatch(/parley_dialogue_fallbacks_total\{reason="[A-Z_]+"\} [1-9]/);
      expect(text).toMatch(/parley_dialogue_fallback_ratio 0\.\d+/);
      expect(text).toMatch(/parley_dialogue_nlu_request_duration_seconds_count\{outcome="OK"\} [1-9]/);
      expect(text).toMatch(/parley_dialogue_store_operation_duration_seconds_count\{operation="[a-z_]+",outcome="ok"\} [1-9]/);
    }
    let modelLoads = 0;
    for (const [index, port] of nluMetricsPorts.slice(0, 2).entries()) {
      const text = await nluMetrics(index, port);
      expect(text).toMatch(new RegExp(`parley_nlu_predictions_total\\{model="${MODEL}",intent="weather_intent"\\} [1-9]`));
      expect(text).toMatch(new RegExp(`parley_nlu_fallbacks_total\\{model="${MODEL}",reason="[A-Z_]+"\\} [1-9]`));
      expect(text).toMatch(new RegExp(`parley_nlu_predict_seconds_count\\{model="${MODEL}"\\} [1-9]`));
      modelLoads += Number(/parley_nlu_model_load_seconds_count\{outcome="ok"\} (\d+)/.exec(text)?.[1] ?? 0);
    }
    // The replica that did not train a version loaded it from the shared model store: PostgreSQL, not a directory.
    expect(modelLoads).toBeGreaterThan(0);
    expect(await readdir(directory)).toEqual([]);
  });

  it(`gives a third NLU replica added under load ≥ ${NEW_REPLICA_MIN_SHARE * 100} % of the predictions within ${NEW_REPLICA_WINDOW_MS / 1000} s, and fails no turn when one is removed`, async () => {
    const sessions = await createSessions(
      replicas.map((replica) => new RestClient(replica.url)),
      SCALE_CLIENTS,
      'topology-scale',
    );
    // No retry at all: a turn that meets a 503 or a broken connection fails.
    const client = new RetryingTurnClient(
      replicas.map((replica) => replica.url),
      { maxAttempts: 1 },
    );
    const turns: Turn[] = [];
    const failures: string[] = [];
    let stop = false;
    const load = Promise.all(
      Array.from({ length: SCALE_CLIENTS }, async (_, c) => {
        for (let n = 0; !stop; n += 1) {
          const session = sessions[c * SESSIONS_PER_CLIENT + (n % SESSIONS_PER_CLIENT)] ?? '';
          const text = `weather in ${CITIES[(c + n) % CITIES.length]} (scale ${c}-${n})`;
          const messageId = `scale-c${c}-n${n}`;
          const sentAt = Date.now();
          try {
            const answer = await client.send(session, text, messageId, (c + n) % 2);
            turns.push({
              client: c,
              session,
              text,
              messageId,
              answer: answer.body,
              sentAt,
              answeredAt: Date.now(),
              replica: answer.replica,
              attempts: 1,
              modelVersion: '',
            });
          } catch (error) {
            failures.push((error as Error).message);
          }
        }
      }),
    );
    const predictions = async (): Promise<number[]> =>
      Promise.all(nluMetricsPorts.map(async (port, index) => predictCount(await nluMetrics(index, port))));

    await sleep(2_000);
    // Scale up: a third replica starts, and compose's DNS names it as soon as its container runs.
    nluMetricsPorts.push(await freePort());
    const third = await startNlu(2, nluMetricsPorts[2] ?? 0);
    nlus.push(third);
    const before = await predictions();
    const added = Date.now();
    dns.set(NLU_NAME, NLU_HOSTS);
    let firstServedAfter: number | undefined;
    while (Date.now() - added < NEW_REPLICA_WINDOW_MS) {
      await sleep(500);
      if (firstServedAfter === undefined && ((await predictions())[2] ?? 0) > 0) firstServedAfter = Date.now() - added;
    }
    const after = await predictions();
    const served = after.map((count, index) => count - (before[index] ?? 0));
    const total = served.reduce((sum, count) => sum + count, 0);
    const share = (served[2] ?? 0) / total;
    timings['new NLU replica: first prediction after'] = firstServedAfter ?? -1;
    timings[`new NLU replica: share of predictions in its first ${NEW_REPLICA_WINDOW_MS / 1000} s (%)`] = Math.round(share * 1000) / 10;
    timings[`predictions per NLU replica in those ${NEW_REPLICA_WINDOW_MS / 1000} s`] = served.join('/') as unknown as number;

    // Scale down: the second replica leaves the name and is stopped (SIGTERM), under the same load.
    dns.set(NLU_NAME, [NLU_HOSTS[0] ?? '', NLU_HOSTS[2] ?? '']);
    const removed = Date.now();
    expect(await nlus[1]?.process.stop('SIGTERM')).toBe(0);
    timings['removed NLU replica: stopped after'] = Date.now() - removed;
    await sleep(AFTER_REMOVAL_MS);
    stop = true;
    await load;
    const turnsAfterRemoval = turns.filter((turn) => turn.sentAt > removed).length;
    timings['scaling phase: turns'] = turns.length;
    timings['scaling phase: turns after the removal'] = turnsAfterRemoval;

    expect(failures.slice(0, 5)).toEqual([]);
    expect(share).toBeGreaterThanOrEqual(NEW_REPLICA_MIN_SHARE);
    expect(turnsAfterRemoval).toBeGreaterThan(100);
    const api = new RestClient(replicas[0]?.url ?? '');
    const lost: string[] = [];
    for (const session of sessions) {
      const entries: HistoryRow[] = [];
      for (let total = Infinity; entries.length < total;) {
        const page = (await api.get(`/v1/sessions/${session}/history?offset=${entries.length}&limit=500`)) as {
          entries: HistoryRow[];
          total: number;
        };
        entries.push(...page.entries);
        total = page.entries.length === 0 ? entries.length : page.total;
      }
      lost.push(
        ...lostTurns(
          session,
          entries,
          turns.filter((turn) => turn.session === session),
        ),
      );
    }
    expect(lost.slice(0, 5)).toEqual([]);
  }, 120_000);
});

/** The Prometheus text of NLU replica `index` (its metrics port listens on the replica's own address). */
async function nluMetrics(index: number, port: number): Promise<string> {
  return (await fetch(`http://${NLU_HOSTS[index]}:${port}/metrics`)).text();
}

/** Predictions a replica has answered, over every model. */
function predictCount(metrics: string): number {
  return [...metrics.matchAll(/^parley_nlu_predict_seconds_count\{[^}]*\} (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** Creates every client's sessions, alternating between the replicas. */
async function createSessions(apis: RestClient[], clients = CLIENTS, prefix = 'topology'): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < clients * SESSIONS_PER_CLIENT; index += 1) ids.push(`${prefix}-${index}`);
  await Promise.all(ids.map((id, index) => apis[index % apis.length]!.post('/v1/sessions', { id }, 201)));
  return ids;
}

/** Polls one NLU replica until Predict by the alias answers with `version`. */
async function waitUntilServed(address: string, version: string, timeoutMs = 30_000): Promise<void> {
  const replica = new NluOperator(address);
  try {
    const deadline = Date.now() + timeoutMs;
    while ((await replica.servedVersion(MODEL, ALIAS, 'weather in BCN', 's0')) !== version) {
      if (Date.now() > deadline) throw new Error(`${address} still does not serve ${version} by ${ALIAS}`);
      await sleep(50);
    }
  } finally {
    replica.close();
  }
}
