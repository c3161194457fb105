#!/usr/bin/env node
// npm run bench:nlu — the NLU service's bars, measured on this machine:
//   1. CLINC150 (train → test, threshold from val) and its typo-perturbed test set, in-process, median of --runs;
//   2. Predict over gRPC against the real NLU service process, beside a bare grpc-js echo server process, both
//      driven by this process in the same run (sequential p50/p99, and calls/s at 32 in flight), median of rounds;
//   3. the NLU service's RSS with the CLINC150 model loaded.
// Needs a build (npm install does it). Usage: node bench/nlu/run.mjs [--runs 3] [--rounds 5] [--no-write]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, option } from '../lib/args.mjs';
import { freePort } from '../lib/free-port.mjs';
import { trainOverGrpc } from '../lib/train-over-grpc.mjs';
import { echoClient, nluClient, unary } from '../lib/grpc-clients.mjs';
import { interleavedLatency, throughput } from '../lib/load.mjs';
import { machine } from '../lib/machine.mjs';
import { rssMiB, startProcess } from '../lib/process.mjs';
import { machineLine, writeSection } from '../lib/report.mjs';
import { median, round } from '../lib/stats.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(option('runs', 3));
const rounds = Number(option('rounds', 5));
const datasetDir = join(root, '../shared/datasets/clinc150');
const read = (name) => JSON.parse(readFileSync(join(datasetDir, `${name}.json`), 'utf8'));

function clincRuns() {
  const results = [];
  for (let run = 1; run <= runs; run += 1) {
    const out = execFileSync(process.execPath, [join(root, 'bench/nlu/clinc.mjs'), datasetDir, '--json'], { encoding: 'utf8' });
    results.push(JSON.parse(out.trim().split('\n').at(-1)));
    console.error(`clinc run ${run}/${runs}: ${out.trim()}`);
  }
  const keys = ['top1Accuracy', 'inScopeAccuracy', 'oosRecall', 'threshold', 'trainSeconds', 'typoTop1Accuracy', 'predictP50Ms', 'predictP99Ms'];
  return { ...Object.fromEntries(keys.map((key) => [key, median(results.map((r) => r[key]))])), backend: results[0].backend, trainSecondsAll: results.map((r) => r.trainSeconds) };
}

function clincDefinition() {
  const byIntent = new Map();
  for (const row of read('train')) {
    if (row.intent === 'oos') continue;
    byIntent.set(row.intent, [...(byIntent.get(row.intent) ?? []), row.text]);
  }
  return {
    name: 'clinc150',
    language: 'en',
    intents: [...byIntent].map(([name, trainingSentences]) => ({ name, trainingSentences })),
    entities: [],
    scopes: [],
    config: { seed: 42 },
  };
}


async function grpcRounds() {
  const modelDir = mkdtempSync(join(tmpdir(), 'parley-bench-models-'));
  const [nluPort, echoPort] = [await freePort(), await freePort()];
  const nlu = await startProcess(process.execPath, [join(root, 'services/nlu/dist/main.js')], {
    env: { PARLEY_NLU_HOST: '127.0.0.1', PARLEY_NLU_PORT: String(nluPort), PARLEY_MODEL_DIR: modelDir, PARLEY_LOG_LEVEL: 'warn' },
    ready: /listening on/,
  });
  const echo = await startProcess(process.execPath, [join(root, 'bench/echo/server.mjs'), String(echoPort)], { ready: /listening/ });
  try {
    const client = nluClient(`127.0.0.1:${nluPort}`);
    const result = await trainOverGrpc(client, clincDefinition());
    const predict = unary(client, 'Predict');
    const echoCall = unary(echoClient(`127.0.0.1:${echoPort}`), 'Echo');
    const texts = read('test').map((row) => row.text);
    const predictCall = (i) => predict({ model: 'clinc150', text: texts[i % texts.length] });
    // What the dialogue service sends: the best 10 ranking entries instead of all 150.
    const predictTop10 = (i) => predict({ model: 'clinc150', text: texts[i % texts.length], rankingLimit: 10 });
    const echoText = (i) => echoCall({ text: texts[i % texts.length] });
    await throughput(predictCall, { inFlight: 32, total: 3000 }); // warm-up
    await throughput(echoText, { inFlight: 32, total: 3000 });
    const samples = [];
    for (let r = 0; r < rounds; r += 1) {
      const [echoSeq, predictSeq, top10Seq] = await interleavedLatency([echoText, predictCall, predictTop10]);
      const echoLoad = await throughput(echoText, { inFlight: 32, total: 10000 });
      const predictLoad = await throughput(predictCall, { inFlight: 32, total: 10000 });
      const top10Load = await throughput(predictTop10, { inFlight: 32, total: 10000 });
      samples.push({ echoSeq, predictSeq, echoLoad, predictLoad, top10Seq, top10Load });
      console.error(`round ${r + 1}/${rounds}: predict p50 ${predictSeq.p50.toFixed(3)} ms vs echo ${echoSeq.p50.toFixed(3)} ms; ${predictLoad.callsPerSecond.toFixed(0)} vs ${echoLoad.callsPerSecond.toFixed(0)} calls/s`);
    }
    const rssLoaded = rssMiB(nlu.child.pid);
    const m = (pick) => median(samples.map(pick));
    return {
      modelVersion: result.version,
      echoP50: m((s) => s.echoSeq.p50),
      echoP99: m((s) => s.echoSeq.p99),
      predictP50: m((s) => s.predictSeq.p50),
      predictP99: m((s) => s.predictSeq.p99),
      echoCallsPerSecond: m((s) => s.echoLoad.callsPerSecond),
      predictCallsPerSecond: m((s) => s.predictLoad.callsPerSecond),
      p50Ratio: m((s) => s.predictSeq.p50 / s.echoSeq.p50),
      throughputRatio: m((s) => s.predictLoad.callsPerSecond / s.echoLoad.callsPerSecond),
      top10P50: m((s) => s.top10Seq.p50),
      top10P99: m((s) => s.top10Seq.p99),
      top10CallsPerSecond: m((s) => s.top10Load.callsPerSecond),
      top10P50Ratio: m((s) => s.top10Seq.p50 / s.echoSeq.p50),
      top10ThroughputRatio: m((s) => s.top10Load.callsPerSecond / s.echoLoad.callsPerSecond),
      failures: samples.reduce((sum, s) => sum + s.predictLoad.failures + s.echoLoad.failures + s.top10Load.failures, 0),
      rssMiB: rssLoaded,
    };
  } finally {
    await Promise.all([nlu.stop(), echo.stop()]);
    rmSync(modelDir, { recursive: true, force: true });
  }
}

const info = machine();
const clinc = clincRuns();
const grpc = await grpcRounds();
const verdict = (ok) => (ok ? '✅' : '❌');
const markdown = `
## NLU (\`npm run bench:nlu\`)

Command: \`node bench/nlu/run.mjs --runs ${runs} --rounds ${rounds}\`. ${machineLine(info)} Backend: ${clinc.backend}.
Sequential latencies measured in alternating batches of 50 calls (echo, Predict, Predict top 10) so machine noise
weighs on each alike. Medians over ${runs} trainings (CLINC150) and ${rounds} rounds (gRPC), measured ${new Date().toISOString().slice(0, 10)}.

| CLINC150 (train → test, threshold from val) | value | bar |
|---|---|---|
| top-1 accuracy (threshold ignored) | ${round(clinc.top1Accuracy, 4)} | ≥ 0.925 ${verdict(clinc.top1Accuracy >= 0.925)} |
| in-scope accuracy (fallback counted wrong) | ${round(clinc.inScopeAccuracy, 4)} | ≥ 0.90 ${verdict(clinc.inScopeAccuracy >= 0.9)} |
| OOS recall | ${round(clinc.oosRecall, 4)} | ≥ 0.50 ${verdict(clinc.oosRecall >= 0.5)} |
| threshold picked on val (the highest keeping 97 % of the right answers) | ${round(clinc.threshold, 3)} | |
| train seconds (runs: ${clinc.trainSecondsAll.map((s) => s.toFixed(1)).join(', ')}) | ${round(clinc.trainSeconds, 2)} | ≤ 15 ${verdict(clinc.trainSeconds <= 15)} |
| typo test set top-1 (p = 0.1 per 4+ letter word, fixed seed) | ${round(clinc.typoTop1Accuracy, 4)} | ≥ 0.90 ${verdict(clinc.typoTop1Accuracy >= 0.9)} |
| in-process predict p50 / p99 (ms) | ${round(clinc.predictP50Ms, 4)} / ${round(clinc.predictP99Ms, 4)} | |

| gRPC, same run, this process → service process | bare grpc-js echo | Predict, full 150-intent ranking | ratio to echo | Predict, \`ranking_limit: 10\` (the dialogue's call) | ratio to echo | bar |
|---|---|---|---|---|---|---|
| sequential p50 (ms) | ${round(grpc.echoP50)} | ${round(grpc.predictP50)} | ${round(grpc.p50Ratio, 2)}× ${verdict(grpc.p50Ratio <= 1.5)} | ${round(grpc.top10P50)} | ${round(grpc.top10P50Ratio, 2)}× ${verdict(grpc.top10P50Ratio <= 1.5)} | ≤ 1.5× |
| sequential p99 (ms) | ${round(grpc.echoP99)} | ${round(grpc.predictP99)} | | ${round(grpc.top10P99)} | | |
| calls/s at 32 in flight | ${Math.round(grpc.echoCallsPerSecond)} | ${Math.round(grpc.predictCallsPerSecond)} | ${round(grpc.throughputRatio * 100, 1)} % ${verdict(grpc.throughputRatio >= 0.6)} | ${Math.round(grpc.top10CallsPerSecond)} | ${round(grpc.top10ThroughputRatio * 100, 1)} % ${verdict(grpc.top10ThroughputRatio >= 0.6)} | ≥ 60 % |

Failed calls: ${grpc.failures}. Serialising the full 150-entry ranking costs more than the prediction itself, which is why
\`PredictRequest.ranking_limit\` exists; the full ranking stays the default.

NLU service RSS with the CLINC150 model loaded, after the load: **${round(grpc.rssMiB, 1)} MiB** (bar ≤ 300 MB ${verdict(grpc.rssMiB * 1.048576 <= 300)}).
`;
console.log(markdown);
if (!flag('no-write')) writeSection('nlu', markdown);
