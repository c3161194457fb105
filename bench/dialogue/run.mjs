#!/usr/bin/env node
// npm run bench:dialogue — full turns (HTTP → dialogue → NLU Predict over gRPC → store commit → reply) with the
// weather bot, on SQLite, Redis and PostgreSQL, beside a bare grpc-js echo and a bare fastify echo measured in the
// same run from this process: sequential p50/p99, and turns/s at 32 concurrent sessions (median of rounds).
// Needs a build (npm install does it) and the machine's Redis and PostgreSQL.
// Usage: node bench/dialogue/run.mjs [--rounds 3] [--turns 4000] [--stores sqlite,redis,postgres] [--no-write]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../lib/args.mjs';
import { freePort } from '../lib/free-port.mjs';
import { echoClient, unary } from '../lib/grpc-clients.mjs';
import { postJson } from '../lib/http-client.mjs';
import { interleavedLatency, interleavedThroughput, throughput } from '../lib/load.mjs';
import { machine } from '../lib/machine.mjs';
import { startProcess } from '../lib/process.mjs';
import { machineLine, writeSection } from '../lib/report.mjs';
import { startDialogueService, startNluService } from '../lib/services.mjs';
import { median, round } from '../lib/stats.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = benchArgs('node bench/dialogue/run.mjs [--rounds 3] [--turns 4000] [--stores sqlite,redis,postgres] [--no-write]', {
  rounds: { type: 'string', default: '3' },
  turns: { type: 'string', default: '4000' },
  stores: { type: 'string', default: 'sqlite,redis,postgres' },
  'no-write': { type: 'boolean', default: false },
});
const rounds = args.integer('rounds');
const turns = args.integer('turns');
const stores = args.list('stores', ['sqlite', 'redis', 'postgres']);
const SESSIONS = 32;
const work = mkdtempSync(join(tmpdir(), 'parley-bench-dialogue-'));
const runId = `bench${process.pid}`;

const storeEnv = {
  sqlite: { PARLEY_STORE: 'sqlite', PARLEY_SQLITE_PATH: join(work, 'sessions.db') },
  redis: { PARLEY_STORE: 'redis', PARLEY_REDIS_URL: 'redis://127.0.0.1:6379', PARLEY_REDIS_KEY_PREFIX: `${runId}:` },
  postgres: { PARLEY_STORE: 'postgres', PARLEY_POSTGRES_URL: 'postgres://postgres@127.0.0.1:5432/test', PARLEY_POSTGRES_SCHEMA: runId },
};

async function measureTurns(port) {
  const ids = [];
  for (let i = 0; i < SESSIONS; i += 1) ids.push((await postJson(port, '/v1/sessions', {})).id);
  const texts = ['what is the weather in BCN?', 'weather in Madrid', 'weather in LUX', 'what is the weather in barna?'];
  const turn = (i) => postJson(port, `/v1/sessions/${ids[i % SESSIONS]}/messages`, { text: texts[i % texts.length] });
  // Sequential turns go to one session each in turn; loaded turns keep every session busy (32 in flight).
  await throughput(turn, { inFlight: SESSIONS, total: 1000 }); // warm-up
  return { turn };
}

/** Removes what the run left in the shared Redis and PostgreSQL. */
async function dropBenchData() {
  const require = createRequire(import.meta.url);
  if (stores.includes('postgres')) {
    const { Client } = require('pg');
    const client = new Client({ connectionString: storeEnv.postgres.PARLEY_POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${runId} CASCADE`);
    await client.end();
  }
  if (stores.includes('redis')) {
    const Redis = require('ioredis');
    const redis = new Redis(storeEnv.redis.PARLEY_REDIS_URL);
    const keys = await redis.keys(`${runId}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

async function main() {
  const modelDir = join(work, 'models');
  const [grpcEchoPort, httpEchoPort] = [await freePort(), await freePort()];
  const nlu = await startNluService({ modelDir });
  const grpcEcho = await startProcess(process.execPath, [join(root, 'bench/echo/server.mjs'), '--port', String(grpcEchoPort)], {
    ready: /listening/,
  });
  const httpEcho = await startProcess(process.execPath, [join(root, 'bench/echo/http-server.mjs'), '--port', String(httpEchoPort)], {
    ready: /listening/,
  });
  const echoGrpc = unary(echoClient(`127.0.0.1:${grpcEchoPort}`), 'Echo');
  const grpcCall = () => echoGrpc({ text: 'what is the weather in BCN?' });
  const httpCall = () => postJson(httpEchoPort, '/echo', { text: 'what is the weather in BCN?' });
  const results = {};
  try {
    for (const store of stores) {
      const dialogue = await startDialogueService({ nluPort: nlu.port, env: storeEnv[store] });
      try {
        const run = await measureTurns(dialogue.port);
        const samples = [];
        for (let r = 0; r < rounds; r += 1) {
          const [grpcSeq, httpSeq, turnSeq] = await interleavedLatency([grpcCall, httpCall, run.turn], { batches: 20, perBatch: 50 });
          const [grpcLoad, httpLoad, turnLoad] = await interleavedThroughput([grpcCall, httpCall, run.turn], {
            inFlight: SESSIONS,
            batches: 4,
            perBatch: Math.ceil(turns / 4),
          });
          const sample = { grpcSeq, httpSeq, turnSeq, grpcLoad, httpLoad, turnLoad };
          samples.push(sample);
          console.error(
            `${store} round ${r + 1}/${rounds}: turn p50 ${sample.turnSeq.p50.toFixed(3)} ms (gRPC echo ${sample.grpcSeq.p50.toFixed(3)}), ${sample.turnLoad.callsPerSecond.toFixed(0)} turns/s (gRPC echo ${sample.grpcLoad.callsPerSecond.toFixed(0)}/s), failures ${sample.turnLoad.failures}`,
          );
        }
        const m = (pick) => median(samples.map(pick));
        results[store] = {
          turnP50: m((s) => s.turnSeq.p50),
          turnP99: m((s) => s.turnSeq.p99),
          loadedP50: m((s) => s.turnLoad.p50),
          loadedP99: m((s) => s.turnLoad.p99),
          turnsPerSecond: m((s) => s.turnLoad.callsPerSecond),
          grpcP50: m((s) => s.grpcSeq.p50),
          grpcPerSecond: m((s) => s.grpcLoad.callsPerSecond),
          httpP50: m((s) => s.httpSeq.p50),
          httpPerSecond: m((s) => s.httpLoad.callsPerSecond),
          p50Ratio: m((s) => s.turnSeq.p50 / s.grpcSeq.p50),
          throughputRatio: m((s) => s.turnLoad.callsPerSecond / s.grpcLoad.callsPerSecond),
          failures: samples.reduce((sum, s) => sum + s.turnLoad.failures, 0),
        };
      } finally {
        await dialogue.stop();
      }
    }
  } finally {
    await Promise.all([nlu.stop(), grpcEcho.stop(), httpEcho.stop()]);
    rmSync(work, { recursive: true, force: true });
    await dropBenchData();
  }
  return results;
}

const info = machine();
const results = await main();
const verdict = (ok) => (ok ? '✅' : '❌');
const rows = Object.entries(results).map(
  ([store, r]) =>
    `| ${store} | ${round(r.turnP50)} / ${round(r.turnP99)} | ${round(r.loadedP50)} / ${round(r.loadedP99)} | ${Math.round(r.turnsPerSecond)} | ${round(r.grpcP50)} / ${Math.round(r.grpcPerSecond)} | ${round(r.httpP50)} / ${Math.round(r.httpPerSecond)} | ${round(r.p50Ratio, 2)}× | ${round(r.throughputRatio * 100, 1)} % | ${r.failures} |`,
);
const redis = results.redis;
const markdown = `
## Dialogue (\`npm run bench:dialogue\`)

Command: \`node bench/dialogue/run.mjs --rounds ${rounds} --turns ${turns}\`. ${machineLine(info)}
Weather bot; one turn = \`POST /v1/sessions/:id/messages\` → NLU Predict (gRPC) → transitions and bodies → atomic
commit → reply. ${SESSIONS} concurrent sessions; baselines measured in the same run from the same client process,
sequential latencies in alternating batches of 50 calls, calls/s in alternating chunks of a quarter of --turns at
${SESSIONS} in flight, so machine noise weighs on each alike.
Medians over ${rounds} rounds, measured ${new Date().toISOString().slice(0, 10)}.

| store | sequential turn p50 / p99 (ms) | loaded turn p50 / p99 (ms) | turns/s at 32 sessions | gRPC echo p50 (ms) / calls/s | fastify echo p50 (ms) / req/s | turn p50 ÷ gRPC echo p50 | turns/s ÷ gRPC echo calls/s | failed turns |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

${redis ? `Bars (Redis): turns/s ≥ 40 % of the gRPC echo's calls/s: ${round(redis.throughputRatio * 100, 1)} % ${verdict(redis.throughputRatio >= 0.4)}; sequential p50 ≤ 3× the echo's: ${round(redis.p50Ratio, 2)}× ${verdict(redis.p50Ratio <= 3)}.` : ''}
`;
console.log(markdown);
if (!args.values['no-write']) writeSection('dialogue', markdown);
