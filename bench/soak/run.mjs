#!/usr/bin/env node
// npm run bench:soak — not in CI. Measures the dialogue service's maximum throughput briefly (full turns of the
// weather bot on SQLite, 32 sessions in flight, as bench:dialogue does), then runs it for --minutes at half of it
// (open loop) and reports, per window: turns, p50/p99 latency and the RSS of the dialogue and NLU processes. The
// bars: RSS growth (last window vs the first, taken after warm-up) < 10 %, p99 of the last window ≤ 1.5× the first.
// Needs a build (npm install does it).
// Usage: node bench/soak/run.mjs [--minutes 10] [--window 30] [--no-write]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flag, option } from '../lib/args.mjs';
import { postJson } from '../lib/http-client.mjs';
import { throughput } from '../lib/load.mjs';
import { machine } from '../lib/machine.mjs';
import { runOpenLoop } from '../lib/open-loop.mjs';
import { rssMiB } from '../lib/process.mjs';
import { machineLine, writeSection } from '../lib/report.mjs';
import { startDialogueService, startNluService } from '../lib/services.mjs';
import { median, percentile, round } from '../lib/stats.mjs';
import { Conversations } from './conversations.mjs';

const minutes = Number(option('minutes', 10));
const windowSeconds = Number(option('window', 30));
const PROBE = { inFlight: 32, turns: 2000, rounds: 3 };
const RSS_SAMPLE_MS = 5_000;
const BARS = { rssGrowth: 0.1, p99Drift: 1.5 };

/** Max turns/s: the median of a few closed-loop rounds at 32 sessions in flight, after a warm-up. */
async function maxThroughput(port) {
  const probe = new Conversations(port, { slots: PROBE.inFlight, turnsPerSession: Number.MAX_SAFE_INTEGER });
  const turn = (i) => probe.turn(i);
  await throughput(turn, { inFlight: PROBE.inFlight, total: 500 });
  const rates = [];
  for (let r = 0; r < PROBE.rounds; r += 1) rates.push((await throughput(turn, { inFlight: PROBE.inFlight, total: PROBE.turns })).callsPerSecond);
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
  const totals = await runOpenLoop((i) => conversations.turn(i), { ratePerSecond: rate, durationMs: minutes * 60_000, onDone });
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
    dialogue = await startDialogueService({ nluPort: nlu.port, env: { PARLEY_STORE: 'sqlite', PARLEY_SQLITE_PATH: join(work, 'sessions.db') } });
    await postJson(dialogue.port, '/v1/sessions', {});
    const max = await maxThroughput(dialogue.port);
    console.error(`max throughput: ${max.rate.toFixed(0)} turns/s (rounds: ${max.rates.map((r) => r.toFixed(0)).join(', ')}); soaking ${minutes} min at ${(max.rate / 2).toFixed(0)} turns/s`);
    const result = await soak(dialogue.port, { dialogue: dialogue.child.pid, nlu: nlu.child.pid }, max.rate / 2);
    return { max, ...result };
  } finally {
    await Promise.all([dialogue?.stop(), nlu.stop()]);
    rmSync(work, { recursive: true, force: true });
  }
}

function report(result, info) {
  const { windows, max } = result;
  const first = windows[0];
  const last = windows.at(-1);
  const growth = (key) => (last[key] - first[key]) / first[key];
  const drift = last.p99 / first.p99;
  const failed = windows.reduce((sum, w) => sum + w.failed, 0);
  const verdict = (ok) => (ok ? '✅' : '❌');
  const pct = (value) => `${round(value * 100, 1)} %`;
  const rows = windows.map((w) =>
    `| ${w.index + 1} | ${w.turns} | ${Math.round(w.perSecond)} | ${round(w.p50)} | ${round(w.p99)} | ${round(w.dialogueRss, 1)} | ${round(w.nluRss, 1)} | ${w.failed} |`);
  return `
## Soak (\`npm run bench:soak\`)

Command: \`node bench/soak/run.mjs --minutes ${minutes} --window ${windowSeconds}\`. ${machineLine(info)}
Weather bot on SQLite. Maximum throughput first: **${Math.round(max.rate)} turns/s** (${PROBE.inFlight} sessions in flight,
median of ${PROBE.rounds} rounds of ${PROBE.turns} turns: ${max.rates.map((r) => Math.round(r)).join(', ')}). Then ${minutes} min at half of it,
${Math.round(max.rate / 2)} turns/s in an open loop (turns start on schedule whether or not earlier ones finished) over 256
conversations of 20 turns (a new session replaces each finished one: ${result.sessions} sessions in all). Latency per
${windowSeconds} s window; RSS sampled every ${RSS_SAMPLE_MS / 1000} s, median per window. Measured ${new Date().toISOString().slice(0, 10)}.

| window | turns | turns/s | p50 (ms) | p99 (ms) | dialogue RSS (MiB) | NLU RSS (MiB) | failed |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

| measure (last window vs the first, which follows the warm-up) | value | bar |
|---|---|---|
| dialogue RSS growth | ${pct(growth('dialogueRss'))} | < 10 % ${verdict(growth('dialogueRss') < BARS.rssGrowth)} |
| NLU RSS growth | ${pct(growth('nluRss'))} | < 10 % ${verdict(growth('nluRss') < BARS.rssGrowth)} |
| p99 last ÷ p99 first | ${round(drift, 2)}× | ≤ 1.5× ${verdict(drift <= BARS.p99Drift)} |

Medians over the windows: p50 ${round(median(windows.map((w) => w.p50)))} ms, p99 ${round(median(windows.map((w) => w.p99)))} ms,
${Math.round(median(windows.map((w) => w.perSecond)))} turns/s. Failed turns: ${failed}; turns skipped because 256 were already in flight: ${result.skipped}.
`;
}

const info = machine();
const result = await main();
if (result.windows.length < 2) throw new Error(`only ${result.windows.length} window(s): run longer than two --window periods`);
const markdown = report(result, info);
console.log(markdown);
if (!flag('no-write')) writeSection('soak', markdown);
