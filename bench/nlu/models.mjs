#!/usr/bin/env node
// npm run bench:models — many models in one NLU process (issue 6): 100 models of 10 intents each (CLINC150
// intents and sentences) trained into one service under a memory cap; every model must answer its own test
// sentences correctly, RSS must stay under the cap, warm Predict p99 < 10 ms; retraining an unchanged definition
// must return the same version in < 100 ms.
// Usage: node bench/nlu/models.mjs [--models 100] [--cap-mb 256] [--no-write]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../lib/args.mjs';
import { freePort } from '../lib/free-port.mjs';
import { trainOverGrpc } from '../lib/train-over-grpc.mjs';
import { nluClient, unary } from '../lib/grpc-clients.mjs';
import { sequentialLatency } from '../lib/load.mjs';
import { machine } from '../lib/machine.mjs';
import { rssMiB, startProcess } from '../lib/process.mjs';
import { machineLine, writeSection } from '../lib/report.mjs';
import { median, round } from '../lib/stats.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = benchArgs('node bench/nlu/models.mjs [--models 100] [--cap-mb 256] [--no-write]', {
  models: { type: 'string', default: '100' },
  'cap-mb': { type: 'string', default: '256' },
  'no-write': { type: 'boolean', default: false },
});
const modelCount = args.integer('models');
const capMb = args.number('cap-mb', 1);
const datasetDir = join(root, '../shared/datasets/clinc150');
const read = (name) => JSON.parse(readFileSync(join(datasetDir, `${name}.json`), 'utf8'));

const byIntent = (rows) => {
  const map = new Map();
  for (const row of rows) if (row.intent !== 'oos') map.set(row.intent, [...(map.get(row.intent) ?? []), row.text]);
  return map;
};
const train = byIntent(read('train'));
const test = byIntent(read('test'));
const intentNames = [...train.keys()];

/** Model k takes 10 consecutive CLINC intents starting at 7k (mod 150), so models overlap but differ. */
function modelIntents(k) {
  return Array.from({ length: 10 }, (_, i) => intentNames[(7 * k + i) % intentNames.length]);
}

function definitionOf(k) {
  return {
    name: `model_${String(k).padStart(3, '0')}`,
    language: 'en',
    intents: modelIntents(k).map((name) => ({ name, trainingSentences: train.get(name).slice(0, 40) })),
    entities: [],
    scopes: [],
    // The bag alone at BBF's threshold: this bench measures how many such models one process holds (the sentence
    // encoder is measured by bench/nlu/encoder.mjs), and a fixed threshold spares 100 cross-validations.
    config: { seed: 42, encoder: 'none', threshold: 0.4 },
  };
}

const work = mkdtempSync(join(tmpdir(), 'parley-bench-models-'));
const port = await freePort();
const nlu = await startProcess(process.execPath, [join(root, 'services/nlu/dist/main.js')], {
  env: {
    PARLEY_NLU_HOST: '127.0.0.1',
    PARLEY_NLU_PORT: String(port),
    PARLEY_MODEL_DIR: work,
    PARLEY_MODEL_MEMORY_MB: String(capMb),
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_NLU_ENCODER: 'off',
  },
  ready: /listening on/,
});
let report;
try {
  const client = nluClient(`127.0.0.1:${port}`);
  const predict = unary(client, 'Predict');
  const trainStart = Date.now();
  const versions = [];
  for (let k = 0; k < modelCount; k += 1) versions.push((await trainOverGrpc(client, definitionOf(k))).version);
  const trainSeconds = (Date.now() - trainStart) / 1000;

  let correct = 0;
  let total = 0;
  let peakRss = rssMiB(nlu.child.pid);
  for (let k = 0; k < modelCount; k += 1) {
    for (const intent of modelIntents(k)) {
      for (const text of test.get(intent).slice(0, 3)) {
        const prediction = await predict({ model: definitionOf(k).name, text });
        total += 1;
        if (prediction.ranking[0]?.intent === intent) correct += 1;
      }
    }
    peakRss = Math.max(peakRss, rssMiB(nlu.child.pid));
  }

  const warmModel = definitionOf(0).name;
  const warmTexts = modelIntents(0).flatMap((intent) => test.get(intent));
  const warm = await sequentialLatency((i) => predict({ model: warmModel, text: warmTexts[i % warmTexts.length] }), 2000);

  const retrainMs = [];
  for (let k = 0; k < 5; k += 1) {
    const start = process.hrtime.bigint();
    const result = await trainOverGrpc(client, definitionOf(k));
    retrainMs.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.version !== versions[k] || !result.reused) throw new Error(`retraining model ${k} did not reuse its version`);
  }
  report = { trainSeconds, accuracy: correct / total, total, peakRss, finalRss: rssMiB(nlu.child.pid), warm, retrainMs: median(retrainMs) };
} finally {
  await nlu.stop();
  rmSync(work, { recursive: true, force: true });
}

const verdict = (ok) => (ok ? '✅' : '❌');
const markdown = `
## Many models per NLU process (\`npm run bench:models\`)

Command: \`node bench/nlu/models.mjs --models ${modelCount} --cap-mb ${capMb}\`. ${machineLine(machine())}
${modelCount} models of 10 CLINC150 intents (40 sentences each) trained into one NLU service process with
\`PARLEY_MODEL_MEMORY_MB=${capMb}\`; each model is then asked 3 test sentences per intent (${report.total} predictions).

| measure | value | bar |
|---|---|---|
| top-1 correct over every model | ${round(report.accuracy * 100, 1)} % | each model answers correctly ${verdict(report.accuracy >= 0.9)} |
| peak / final RSS of the NLU process | ${round(report.peakRss, 1)} / ${round(report.finalRss, 1)} MiB | under the ${capMb} MiB cap ${verdict(report.peakRss <= capMb)} |
| warm Predict p50 / p99 over gRPC | ${round(report.warm.p50)} / ${round(report.warm.p99)} ms | p99 < 10 ms ${verdict(report.warm.p99 < 10)} |
| retraining an unchanged definition (median of 5) | ${round(report.retrainMs, 1)} ms | < 100 ms ${verdict(report.retrainMs < 100)} |
| training all ${modelCount} models | ${round(report.trainSeconds, 1)} s | |
`;
console.log(markdown);
if (!args.values['no-write']) writeSection('models', markdown);
