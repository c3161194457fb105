#!/usr/bin/env node
// npm run bench:soak — not in CI. Measures the dialogue service's maximum throughput briefly (full turns of the
// weather bot, 32 sessions in flight, as bench:dialogue does), then runs it at half of it (open loop) for
// --warmup minutes, which are shown but not judged (V8 sizes its heap to the load over the first minutes), and then
// for --minutes, reporting per window: turns, p50/p99 latency and the RSS of the dialogue and NLU processes. The
// bars compare the end with the start, each the median of 3 windows (one window's p99 is a handful of turns):
// RSS growth < 10 %, p99 at the end ≤ 1.5× the start. Needs a build (npm install does it).
// Usage: node bench/soak/run.mjs [--minutes 10] [--warmup 2] [--window 30] [--store sqlite|redis] [--no-write]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs } from '../lib/args.mjs';
import { postJson } from '../lib/http-client.mjs';
import { throughput } from '../lib/load.mjs';
import { machine } from '../lib/machine.mjs';
import { runOpenLoop } from '../lib/open-loop.mjs';
import { rssMiB } from '../lib/process.mjs';
import { machineLine, writeSection } from '../lib/report.mjs';
import { startDialogueService, startNluService } from '../lib/services.mjs';
import { median, percentile, round } from '../lib/stats.mjs';
import { Conversations } from './conversations.mjs';

const args = benchArgs('node bench/soak/run.mjs [--minutes 10] [--warmup 2] [--window 30] [--store sqlite|redis] [--no-write]', {
  minutes: { type: 'string', default: '10' },
  warmup: { type: 'string', default: '2' },
  window: { type: 'string', default: '30' },
  store: { type: 'string', default: 'sqlite' },
  'no-write': { type: 'boolean', default: false },
});
const minutes = args.number('minutes', 0.1);
const warmupMinutes = args.number('warmup', 0);
const store = args.oneOf('store', ['sqlite', 'redis']);
/** Windows at each end whose median stands for the start and the end. */
const ENDS = 3;
const windowSeconds = args.number('window', 1);
const PROBE = { inFlight: 32, turns: 2000, rounds: 3 };
const RSS_SAMPLE_MS = 5_000;
const BARS = { rssGrowth: 0.1, p99Drift: 1.5 };

/** Max turns/s: the median of a few closed-loop rounds at 32 sessions in flight, after a warm-up. */
async function maxThroughput(port) {
  const probe = new Conversations(port, { slots: PROBE.inFlight, turnsPerSession: Number.MAX_SAFE_INTEGER });
  const turn = (i) => probe.turn(i);
  await throughput(turn, { inFlight: PROBE.inFlight, total: 500 });
  const rates = [];
  for (let r = 0; r < PROBE.rounds; r += 1)
    rates.push((await throughput(turn, { inFlight: PROBE.inFlight, total: PROBE.turns })).callsPerSecond);
  return { rate: median(rates), rates };
}

/** Runs the open loop at `rate` for the soak's duration, closing a window every `windowSeconds`. */
async function soak(port, pids, rate) {
  const conversations = new Conversations(port, { slots: 256, turnsPerSession: 20 });
  const windows = [];
  let current = newWindow();
  const sampleRss = () => {
    current.dialogueRss.push(rssMiB(pids.dialogue));
    current.nluRss.push(rssMiB(pids.nlu));
  };
  const rssTimer = setInterval(sampleRss, RSS_SAMPLE_MS);
  const windowTimer = setInterval(() => {
    sampleRss();
    windows.push(closeWindow(current, windows.length));
    console.error(describeWindow(windows.at(-1)));
    current = newWindow();
  }, windowSeconds * 1000);
  const onDone = ({ ms, failed }) => (failed ? (current.failed += 1) : current.latencies.push(ms));
  const totals = await runOpenLoop((i) => conversations.turn(i), {
    ratePerSecond: rate,
    durationMs: (warmupMinutes + minutes) * 60_000,
    onDone,
  });
  clearInterval(rssTimer);
  clearInterval(windowTimer);
  // A last window shorter than half the others is too small to judge by; its turns are still counted.
  if (current.latencies.length > 0 && performance.now() - current.start >= (windowSeconds * 1000) / 2) {
    sampleRss();
    windows.push(closeWindow(current, windows.length));
  }
  return { windows, ...totals, sessions: conversations.sessionsCreated };
}

function newWindow() {
  return { start: performance.now(), latencies: [], failed: 0, dialogueRss: [], nluRss: [] };
}

function closeWindow(window, index) {
  const seconds = (performance.now() - window.start) / 1000;
  return {
    index,
    turns: window.latencies.length,
    perSecond: window.latencies.length / seconds,
    p50: percentile(window.latencies, 50),
    p99: percentile(window.latencies, 99),
    failed: window.failed,
    dialogueRss: median(window.dialogueRss),
    nluRss: median(window.nluRss),
  };
}

function describeWindow(w) {
  return `window ${w.index + 1}: ${w.turns} turns (${w.perSecond.toFixed(0)}/s), p50 ${w.p50.toFixed(2)} ms, p99 ${w.p99.toFixed(2)} ms, dialogue ${w.dialogueRss.toFixed(1)} MiB, NLU ${w.nluRss.toFixed(1)} MiB, failed ${w.failed}`;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'parley-bench-soak-'));
  const nlu = await startNluService({ modelDir: join(work, 'models') });
  let dialogue;
  try {
    dialogue = await startDialogueService({ nluPort: nlu.port, env: storeEnv(work) });
    await postJson(dialogue.port, '/v1/sessions', {});
    const max = await maxThroughput(dialogue.port);
    console.error(
      `max throughput: ${max.rate.toFixed(0)} turns/s (rounds: ${max.rates.map((r) => r.toFixed(0)).join(', ')}); soaking ${warmupMinutes} + ${minutes} min at ${(max.rate / 2).toFixed(0)} turns/s`,
    );
    const result = await soak(dialogue.port, { dialogue: dialogue.child.pid, nlu: nlu.child.pid }, max.rate / 2);
    return { max, ...result };
  } finally {
    await Promise.all([dialogue?.stop(), nlu.stop()]);
    rmSync(work, { recursive: true, force: true });
    if (store === 'redis') await dropRedisKeys();
  }
}

const REDIS_URL = 'redis://127.0.0.1:6379';
const redisPrefix = `soak${process.pid}:`;

function storeEnv(work) {
  if (store === 'redis') return { PARLEY_STORE: 'redis', PARLEY_REDIS_URL: REDIS_URL, PARLEY_REDIS_KEY_PREFIX: redisPrefix };
  return { PARLEY_STORE: 'sqlite', PARLEY_SQLITE_PATH: join(work, 'sessions.db') };
}

/** Removes what a Redis run left on the machine's server. */
async function dropRedisKeys() {
  const Redis = createRequire(import.meta.url)('ioredis');
  const redis = new Redis(REDIS_URL);
  for (;;) {
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length === 0) break;
    for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  }
  redis.disconnect();
}

function report(result, info) {
  const { max } = result;
  const warmupWindows = Math.round((warmupMinutes * 60) / windowSeconds);
  const judged = result.windows.slice(warmupWindows);
  const middle = (list, key) => median(list.map((w) => w[key]));
  const start = {
    dialogueRss: middle(judged.slice(0, ENDS), 'dialogueRss'),
    nluRss: middle(judged.slice(0, ENDS), 'nluRss'),
    p99: middle(judged.slice(0, ENDS), 'p99'),
  };
  const end = {
    dialogueRss: middle(judged.slice(-ENDS), 'dialogueRss'),
    nluRss: middle(judged.slice(-ENDS), 'nluRss'),
    p99: middle(judged.slice(-ENDS), 'p99'),
  };
  const growth = (key) => (end[key] - start[key]) / start[key];
  const drift = end.p99 / start.p99;
  const windows = result.windows;
  const failed = windows.reduce((sum, w) => sum + w.failed, 0);
  const verdict = (ok) => (ok ? '✅' : '❌');
  const pct = (value) => `${round(value * 100, 1)} %`;
  const rows = windows.map(
    (w) =>
      `| ${w.index + 1} | ${w.turns} | ${Math.round(w.perSecond)} | ${round(w.p50)} | ${round(w.p99)} | ${round(w.dialogueRss, 1)} | ${round(w.nluRss, 1)} | ${w.failed} |`,
  );
  return `
## Soak (\`npm run bench:soak\`)

Command: \`node bench/soak/run.mjs --minutes ${minutes} --warmup ${warmupMinutes} --window ${windowSeconds} --store ${store}\`. ${machineLine(info)}
Weather bot on ${store === 'redis' ? 'Redis' : 'SQLite (the embedded default; synchronous=FULL, an fsync per commit)'}. Maximum throughput first: **${Math.round(max.rate)} turns/s** (${PROBE.inFlight} sessions in flight,
median of ${PROBE.rounds} rounds of ${PROBE.turns} turns: ${max.rates.map((r) => Math.round(r)).join(', ')}). Then ${warmupMinutes} min of warm-up (windows
1–${warmupWindows}, shown, not judged) and ${minutes} min at half of it,
${Math.round(max.rate / 2)} turns/s in an open loop (turns start on schedule whether or not earlier ones finished) over 256
conversations of 20 turns (a new session replaces each finished one: ${result.sessions} sessions in all). Latency per
${windowSeconds} s window; RSS sampled every ${RSS_SAMPLE_MS / 1000} s, median per window. Measured ${new Date().toISOString().slice(0, 10)}.

| window | turns | turns/s | p50 (ms) | p99 (ms) | dialogue RSS (MiB) | NLU RSS (MiB) | failed |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

| measure (end vs start: the medians of the last and the first ${ENDS} windows after the warm-up) | start | end | value | bar |
|---|---|---|---|---|
| dialogue RSS growth | ${round(start.dialogueRss, 1)} MiB | ${round(end.dialogueRss, 1)} MiB | ${pct(growth('dialogueRss'))} | < 10 % ${verdict(growth('dialogueRss') < BARS.rssGrowth)} |
| NLU RSS growth | ${round(start.nluRss, 1)} MiB | ${round(end.nluRss, 1)} MiB | ${pct(growth('nluRss'))} | < 10 % ${verdict(growth('nluRss') < BARS.rssGrowth)} |
| p99 end ÷ p99 start | ${round(start.p99)} ms | ${round(end.p99)} ms | ${round(drift, 2)}× | ≤ 1.5× ${verdict(drift <= BARS.p99Drift)} |

Medians over the judged windows: p50 ${round(middle(judged, 'p50'))} ms, p99 ${round(middle(judged, 'p99'))} ms,
${Math.round(middle(judged, 'perSecond'))} turns/s. Failed turns: ${failed}; turns skipped because 256 were already in flight: ${result.skipped}.
`;
}

const info = machine();
const result = await main();
const needed = Math.round((warmupMinutes * 60) / windowSeconds) + 2 * ENDS;
if (result.windows.length < needed)
  throw new Error(`only ${result.windows.length} window(s), ${needed} needed: run longer (--minutes) or with shorter --window`);
const markdown = report(result, info);
console.log(markdown);
if (!args.values['no-write']) writeSection('soak', markdown);
