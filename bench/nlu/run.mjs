#!/usr/bin/env node
// npm run bench:nlu — the NLU service's bars, measured on this machine:
//   1. CLINC150 (train → test, threshold from val) and its typo-perturbed test set, in-process, median of --runs;
//   2. Predict over gRPC against the real NLU service process, beside a bare grpc-js echo server process, both
//      driven by this process in the same run (sequential p50/p99, and calls/s at 32 in flight), median of rounds;
//   3. the NLU service's RSS with the CLINC150 model loaded;
//   then, in turn, the sentence encoder's figures (encoder.mjs) and the few-shot section (few-shot.mjs).
// Needs a build (npm install does it). Usage: node bench/nlu/run.mjs [--runs 3] [--rounds 5] [--no-few-shot] [--no-encoder] [--no-write]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../lib/args.mjs';
import { clincDefinition, clincDir, clincSplit } from '../lib/clinc150.mjs';
import { freePort } from '../lib/free-port.mjs';
import { trainOverGrpc } from '../lib/train-over-grpc.mjs';
import { codecTimes } from './codec.mjs';
import { echoClient, nluClient, plainNluClient, unary } from '../lib/grpc-clients.mjs';
import { interleavedLatency, interleavedThroughput, throughput } from '../lib/load.mjs';
import { machine } from '../lib/machine.mjs';
import { rssMiB, startProcess } from '../lib/process.mjs';
import { machineLine, writeSection } from '../lib/report.mjs';
import { median, round } from '../lib/stats.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = benchArgs('node bench/nlu/run.mjs [--runs 3] [--rounds 5] [--no-few-shot] [--no-encoder] [--no-write]', {
  runs: { type: 'string', default: '3' },
  rounds: { type: 'string', default: '5' },
  'no-few-shot': { type: 'boolean', default: false },
  'no-encoder': { type: 'boolean', default: false },
  'no-write': { type: 'boolean', default: false },
});
const runs = args.integer('runs');
const rounds = args.integer('rounds');

function clincRuns() {
  const results = [];
  for (let run = 1; run <= runs; run += 1) {
    const out = execFileSync(process.execPath, [join(root, 'bench/nlu/clinc.mjs'), clincDir, '--json', '--encoder', 'none'], {
      encoding: 'utf8',
    });
    results.push(JSON.parse(out.trim().split('\n').at(-1)));
    console.error(`clinc run ${run}/${runs}: ${out.trim()}`);
  }
  const keys = [
    'top1Accuracy',
    'inScopeAccuracy',
    'oosRecall',
    'threshold',
    'trainSeconds',
    'typoTop1Accuracy',
    'predictP50Ms',
    'predictP99Ms',
  ];
  return {
    ...Object.fromEntries(keys.map((key) => [key, median(results.map((r) => r[key]))])),
    backend: results[0].backend,
    trainSecondsAll: results.map((r) => r.trainSeconds),
  };
}

async function grpcRounds() {
  const modelDir = mkdtempSync(join(tmpdir(), 'parley-bench-models-'));
  const [nluPort, echoPort] = [await freePort(), await freePort()];
  const nlu = await startProcess(process.execPath, [join(root, 'services/nlu/dist/main.js')], {
    // Models without the encoder: the speed bars are theirs (bench/nlu/encoder.mjs measures the encoder beside them).
    env: {
      PARLEY_NLU_HOST: '127.0.0.1',
      PARLEY_NLU_PORT: String(nluPort),
      PARLEY_MODEL_DIR: modelDir,
      PARLEY_LOG_LEVEL: 'warn',
      PARLEY_NLU_ENCODER: 'off',
    },
    ready: /listening on/,
  });
  const echo = await startProcess(process.execPath, [join(root, 'bench/echo/server.mjs'), '--port', String(echoPort)], {
    ready: /listening/,
  });
  try {
    const address = `127.0.0.1:${nluPort}`;
    const client = nluClient(address);
    const result = await trainOverGrpc(client, clincDefinition({ encoder: 'none' }));
    const predict = unary(client, 'Predict');
    const plainPredict = unary(plainNluClient(address), 'Predict');
    const echoCall = unary(echoClient(`127.0.0.1:${echoPort}`), 'Echo');
    const texts = clincSplit('test').map((row) => row.text);
    const text = (i) => texts[i % texts.length];
    const calls = {
      echo: (i) => echoCall({ text: text(i) }),
      full: (i) => predict({ model: 'clinc150', text: text(i) }),
      // What the dialogue service sends: the best 10 ranking entries instead of all 150.
      top10: (i) => predict({ model: 'clinc150', text: text(i), rankingLimit: 10 }),
      plain: (i) => plainPredict({ model: 'clinc150', text: text(i) }),
    };
    const kinds = Object.keys(calls);
    const codec = codecTimes(await calls.full(0));
    for (const call of Object.values(calls)) await throughput(call, { inFlight: 32, total: 2000 }); // warm-up
    const samples = [];
    for (let r = 0; r < rounds; r += 1) {
      const latency = await interleavedLatency(Object.values(calls));
      // The plain client's calls/s is measured apart, beside an echo of its own: its stock decoding grows this
      // process's heap, which would weigh on the other calls' chunks.
      const load = await interleavedThroughput([calls.echo, calls.full, calls.top10], { inFlight: 32, batches: 5, perBatch: 2000 });
      const [plainEcho, plainLoad] = await interleavedThroughput([calls.echo, calls.plain], { inFlight: 32, batches: 3, perBatch: 2000 });
      load.push({ ...plainLoad, callsPerSecond: plainLoad.callsPerSecond * (load[0].callsPerSecond / plainEcho.callsPerSecond) });
      // Sequential latency from the first measure, calls/s from the second (whose own latencies are loaded ones).
      samples.push(
        Object.fromEntries(
          kinds.map((kind, index) => [
            kind,
            {
              p50: latency[index].p50,
              p99: latency[index].p99,
              callsPerSecond: load[index].callsPerSecond,
              failures: load[index].failures,
            },
          ]),
        ),
      );
      const { echo, full } = samples.at(-1);
      console.error(
        `round ${r + 1}/${rounds}: predict p50 ${full.p50.toFixed(3)} ms vs echo ${echo.p50.toFixed(3)} ms; ${full.callsPerSecond.toFixed(0)} vs ${echo.callsPerSecond.toFixed(0)} calls/s`,
      );
    }
    const rssLoaded = rssMiB(nlu.child.pid);
    const m = (pick) => median(samples.map(pick));
    const perKind = Object.fromEntries(
      kinds.map((kind) => [
        kind,
        {
          p50: m((s) => s[kind].p50),
          p99: m((s) => s[kind].p99),
          callsPerSecond: m((s) => s[kind].callsPerSecond),
          p50Ratio: m((s) => s[kind].p50 / s.echo.p50),
          throughputRatio: m((s) => s[kind].callsPerSecond / s.echo.callsPerSecond),
        },
      ]),
    );
    const failures = samples.reduce((sum, s) => sum + kinds.reduce((n, kind) => n + s[kind].failures, 0), 0);
    return { modelVersion: result.version, ...perKind, codec, failures, rssMiB: rssLoaded };
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
Latencies measured in alternating batches of 50 sequential calls (echo, Predict, Predict top 10, Predict from a plain
client), calls/s in alternating chunks of 2,000 calls at 32 in flight (echo, Predict, Predict top 10; then echo and
the plain client apart, its figure scaled to the first echo's), so machine noise weighs on each alike. Medians over ${runs} trainings (CLINC150) and ${rounds} rounds (gRPC), measured ${new Date().toISOString().slice(0, 10)}.

| CLINC150 (train → test, threshold from val) | value | bar |
|---|---|---|
| top-1 accuracy (threshold ignored) | ${round(clinc.top1Accuracy, 4)} | ≥ 0.925 ${verdict(clinc.top1Accuracy >= 0.925)} |
| in-scope accuracy (fallback counted wrong) | ${round(clinc.inScopeAccuracy, 4)} | ≥ 0.90 ${verdict(clinc.inScopeAccuracy >= 0.9)} |
| OOS recall | ${round(clinc.oosRecall, 4)} | ≥ 0.50 ${verdict(clinc.oosRecall >= 0.5)} |
| threshold picked on val (the highest keeping 97 % of the right answers) | ${round(clinc.threshold, 3)} | |
| train seconds (runs: ${clinc.trainSecondsAll.map((s) => s.toFixed(1)).join(', ')}) | ${round(clinc.trainSeconds, 2)} | ≤ 15 ${verdict(clinc.trainSeconds <= 15)} |
| typo test set top-1 (p = 0.1 per 4+ letter word, fixed seed) | ${round(clinc.typoTop1Accuracy, 4)} | ≥ 0.90 ${verdict(clinc.typoTop1Accuracy >= 0.9)} |
| in-process predict p50 / p99 (ms) | ${round(clinc.predictP50Ms, 4)} / ${round(clinc.predictP99Ms, 4)} | |

| gRPC call, same run, this process → service process | p50 / p99 (ms) | p50 ÷ echo p50 | calls/s at 32 in flight | ÷ echo calls/s |
|---|---|---|---|---|
| bare grpc-js echo (baseline) | ${round(grpc.echo.p50)} / ${round(grpc.echo.p99)} | 1 | ${Math.round(grpc.echo.callsPerSecond)} | 100 % |
| **Predict, \`ranking_limit: 10\`** (the dialogue's call) | ${round(grpc.top10.p50)} / ${round(grpc.top10.p99)} | ${round(grpc.top10.p50Ratio, 2)}× ${verdict(grpc.top10.p50Ratio <= 1.35)} (≤ 1.35×) | ${Math.round(grpc.top10.callsPerSecond)} | ${round(grpc.top10.throughputRatio * 100, 1)} % ${verdict(grpc.top10.throughputRatio >= 0.65)} (≥ 65 %) |
| **Predict, full 150-intent ranking** | ${round(grpc.full.p50)} / ${round(grpc.full.p99)} | ${round(grpc.full.p50Ratio, 2)}× ${verdict(grpc.full.p50Ratio <= 1.6)} (≤ 1.6×) | ${Math.round(grpc.full.callsPerSecond)} | ${round(grpc.full.throughputRatio * 100, 1)} % ${verdict(grpc.full.throughputRatio >= 0.5)} (≥ 50 %) |
| Predict, full ranking, plain grpc-js client | ${round(grpc.plain.p50)} / ${round(grpc.plain.p99)} | ${round(grpc.plain.p50Ratio, 2)}× | ${Math.round(grpc.plain.callsPerSecond)} | ${round(grpc.plain.throughputRatio * 100, 1)} % |

The first three rows use the clients of \`@parley/proto\`, as the dialogue service and the CLI do: its prediction codec
(the ranking encoded and decoded by hand, \`packages/proto/src/ranking-codec.ts\`) and its client options (a 4 MiB
HTTP/2 window; the echo client has the same options). The last row is the same service seen by a client generated
from \`nlu.proto\` with grpc-js's defaults: stock proto-loader decoding and HTTP/2's 64 KiB window, which 32 answers of
5 KiB in flight fill. Failed calls: ${grpc.failures}.

| one Predict answer (${grpc.codec.bytes} bytes, full ranking), in process, median of 9 runs | encode (µs) | decode (µs) |
|---|---|---|
| stock proto-loader | ${round(grpc.codec.plainEncode, 1)} | ${round(grpc.codec.plainDecode, 1)} |
| \`@parley/proto\` prediction codec | ${round(grpc.codec.codecEncode, 1)} | ${round(grpc.codec.codecDecode, 1)} |

NLU service RSS with the CLINC150 model loaded, after the load: **${round(grpc.rssMiB, 1)} MiB** (bar ≤ 300 MB ${verdict(grpc.rssMiB * 1.048576 <= 300)}).
`;
console.log(markdown);
if (!args.values['no-write']) writeSection('nlu', markdown);

// The sentence encoder's sections, one process at a time (never two benchmarks at once).
const write = args.values['no-write'] ? ['--no-write'] : [];
// The last run is the ablation that shows what familiarity does for small bots' out-of-scope rejection.
// --no-few-shot stops after the encoder's section (the few-shot runs take longest: ~20 minutes here).
const fewShot = [
  ['few-shot.mjs'],
  ['few-shot.mjs', '--ks', 'none', '--rows', 'use-lite', '--hyper', '{"familiarity":0}', '--section', 'nlu-few-shot-familiarity-off'],
];
const encoder = args.values['no-encoder'] ? [] : [['encoder.mjs']];
for (const [script, ...options] of [...encoder, ...(args.values['no-few-shot'] ? [] : fewShot)]) {
  execFileSync(process.execPath, [join(root, 'bench/nlu', script), ...options, ...write], { stdio: 'inherit' });
}
