#!/usr/bin/env node
// Few-shot NLU on CLINC150 (../shared/datasets/clinc150), the phrase counts bot authors write, with NLP.js in the
// same run on the same phrases:
//   (a) k random training phrases per intent (k = 5, 10, 20), all 150 intents, --seeds seeds; tested on test.json:
//       top-1 over the in-scope rows;
//   (b) small bots: 10 random intents × 10 random phrases, --bots seeds; out-of-scope text = the test rows of 10
//       other intents plus CLINC's oos test rows. Top-1, and in-scope accuracy with OOS recall at each model's own
//       operating point (Parley: the model's own threshold; NLP.js: its "None" answer).
// Rows: Parley with encoder none, Parley with encoder use-lite, NLP.js. Needs a build.
// Usage: node bench/nlu/few-shot.mjs [--ks 5,10,20|none] [--seeds 3] [--bots 5] [--rows none,use-lite,nlpjs]
//                                    [--hyper '{"familiarity":0}'] [--vector embedding] [--section NAME] [--no-write]
// --hyper overrides Parley's hyper-parameters (an ablation); --vector embedding gives the models USE's embedding alone
// (the first half of the encoder's vector), as before the pooled half was added (an ablation); --section names the
// BENCHMARKS.md section it writes.
import { createRequire } from 'node:module';
import { benchArgs } from '../lib/args.mjs';
import { clincSplit } from '../lib/clinc150.mjs';
import { machine } from '../lib/machine.mjs';
import { trainNlpJs } from '../lib/nlpjs.mjs';
import { machineLine, writeSection } from '../lib/report.mjs';
import { round } from '../lib/stats.mjs';
import { seededRandom } from '../lib/seeded-random.mjs';

const ROWS = ['none', 'use-lite', 'nlpjs'];
const usage = `node bench/nlu/few-shot.mjs [--ks 5,10,20|none] [--seeds 3] [--bots 5] [--rows ${ROWS.join(',')}] [--hyper '{}'] [--vector both|embedding] [--section nlu-few-shot] [--no-write]`;
const args = benchArgs(usage, {
  ks: { type: 'string', default: '5,10,20' },
  seeds: { type: 'string', default: '3' },
  bots: { type: 'string', default: '5' },
  rows: { type: 'string', default: ROWS.join(',') },
  hyper: { type: 'string', default: '{}' },
  vector: { type: 'string', default: 'both' },
  section: { type: 'string', default: 'nlu-few-shot' },
  'no-write': { type: 'boolean', default: false },
});
// --ks none runs only the small bots (b).
const ks = args.values.ks === 'none' ? [] : args.values.ks.split(',').map(Number);
if (ks.some((k) => !Number.isInteger(k) || k < 1)) args.fail(`--ks takes whole numbers, not ${args.values.ks}`);
const seeds = args.integer('seeds');
const bots = args.integer('bots', 0);
const rows = args.list('rows', ROWS);
const hyperParameters = JSON.parse(args.values.hyper);
const vector = args.oneOf('vector', ['both', 'embedding']);

const require = createRequire(import.meta.url);
const nlu = require('../../packages/nlu/dist/index.js');
const { UseLiteEncoder } = require('../../packages/encoder/dist/index.js');
await nlu.loadClassifierKernels();
const useLite = rows.includes('use-lite') ? await UseLiteEncoder.open({ threads: 1, cacheMegabytes: 256 }) : undefined;
const encoder = useLite && vector === 'embedding' ? embeddingOnly(useLite) : useLite;

/** USE's embedding alone: the first half of the encoder's vector, of length 1 again. */
function embeddingOnly(full) {
  const half = full.dimension / 2;
  return {
    identity: `${full.identity}:embedding`,
    dimension: half,
    encode: async (texts) => (await full.encode(texts)).map((v) => v.slice(0, half).map((x) => x * Math.SQRT2)),
    close: () => full.close(),
  };
}

const train = clincSplit('train').filter((row) => row.intent !== 'oos');
const test = clincSplit('test');
const intents = [...new Set(train.map((row) => row.intent))];
const byIntent = (split) => {
  const groups = new Map();
  for (const row of split) groups.set(row.intent, [...(groups.get(row.intent) ?? []), row]);
  return groups;
};
const trainByIntent = byIntent(train);
const testByIntent = byIntent(test);

function shuffled(items, next) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
const sample = (chosen, k, next) => chosen.flatMap((intent) => shuffled(trainByIntent.get(intent), next).slice(0, k));

/** Trains one row's model on `trainRows` and scores `testRows` (intent "oos" = out of scope). */
async function score(row, trainRows, testRows, seed) {
  const inScope = testRows.filter((r) => r.intent !== 'oos');
  const oos = testRows.filter((r) => r.intent === 'oos');
  if (row === 'nlpjs') {
    const model = await trainNlpJs(trainRows, seed);
    let top1 = 0;
    let answered = 0;
    for (const r of inScope) {
      const p = await model.predict(r.text);
      if (p.top === r.intent) top1++;
      if (p.intent === r.intent) answered++;
    }
    let rejected = 0;
    for (const r of oos) if ((await model.predict(r.text)).intent === 'None') rejected++;
    return summary(top1, answered, rejected, inScope.length, oos.length, model.trainSeconds);
  }
  const result = await nlu.evaluateDataset({
    train: trainRows,
    test: testRows,
    seed,
    encoderChoice: row,
    ...(encoder ? { encoder } : {}),
    hyperParameters,
  });
  const m = result.metrics;
  return {
    top1: m.top1Accuracy,
    inScope: m.inScopeAccuracy,
    oosRecall: m.oosRecall,
    trainSeconds: m.trainSeconds,
    threshold: m.threshold,
  };
}
const summary = (top1, answered, rejected, inScope, oos, trainSeconds) => ({
  top1: top1 / inScope,
  inScope: answered / inScope,
  oosRecall: oos === 0 ? null : rejected / oos,
  trainSeconds,
  threshold: 0.5,
});
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
const meanOf = (results, key) => (results.some((r) => r[key] === null) ? null : mean(results.map((r) => r[key])));

const allTest = test;
const sectionA = [];
for (const k of ks) {
  for (const row of rows) {
    const results = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const result = await score(row, sample(intents, k, seededRandom(seed * 1000 + k)), allTest, seed);
      console.error(`(a) k=${k} ${row} seed ${seed}: ${JSON.stringify(result)}`);
      results.push(result);
    }
    sectionA.push({
      k,
      row,
      top1: meanOf(results, 'top1'),
      inScope: meanOf(results, 'inScope'),
      oosRecall: meanOf(results, 'oosRecall'),
      trainSeconds: meanOf(results, 'trainSeconds'),
    });
  }
}

const sectionB = [];
for (const row of rows) {
  const results = [];
  for (let seed = 1; seed <= bots; seed++) {
    const next = seededRandom(seed * 7919);
    const picked = shuffled(intents, next);
    const botIntents = picked.slice(0, 10);
    const otherIntents = new Set(picked.slice(10, 20));
    const trainRows = sample(botIntents, 10, next);
    const testRows = [
      ...botIntents.flatMap((intent) => testByIntent.get(intent)),
      ...allTest.filter((r) => otherIntents.has(r.intent) || r.intent === 'oos').map((r) => ({ text: r.text, intent: 'oos' })),
    ];
    const result = await score(row, trainRows, testRows, seed);
    console.error(`(b) small bot ${seed} ${row}: ${JSON.stringify(result)}`);
    results.push(result);
  }
  if (results.length > 0) {
    sectionB.push({
      row,
      top1: meanOf(results, 'top1'),
      inScope: meanOf(results, 'inScope'),
      oosRecall: meanOf(results, 'oosRecall'),
      trainSeconds: meanOf(results, 'trainSeconds'),
      thresholds: results.map((r) => round(r.threshold, 3)),
    });
  }
}
await encoder?.close();

const label = { none: 'Parley, encoder none', 'use-lite': 'Parley, encoder use-lite', nlpjs: 'NLP.js 4.27 (same phrases)' };
const pct = (value) => (value === null ? 'n/a' : (value * 100).toFixed(1));
const bestOfPeer = (k, key) => sectionA.find((r) => r.k === k && r.row === 'nlpjs')?.[key];
const lines = [
  `## NLU, few-shot: CLINC150 with the phrase counts bot authors write${args.values.hyper === '{}' ? '' : ` (ablation: hyper-parameters ${args.values.hyper})`}${vector === 'both' ? '' : " (ablation: USE's embedding alone as the vector)"}`,
  '',
  machineLine(machine()),
  `Command: \`npm run bench:nlu\` (this section: \`node bench/nlu/few-shot.mjs --ks ${args.values.ks} --seeds ${seeds} --bots ${bots}${args.values.hyper === '{}' ? '' : ` --hyper '${args.values.hyper}'`}${vector === 'both' ? '' : ` --vector ${vector}`}\`), every row on the same phrases in the same run.`,
  '',
  `### (a) k random phrases per intent, all 150 intents, mean of ${seeds} seeds, tested on test.json`,
  '',
  '| k | model | top-1 % | in-scope % at own threshold | OOS recall % | train s |',
  '|---|---|---|---|---|---|',
  ...sectionA.map(
    (r) => `| ${r.k} | ${label[r.row]} | ${pct(r.top1)} | ${pct(r.inScope)} | ${pct(r.oosRecall)} | ${r.trainSeconds.toFixed(1)} |`,
  ),
  '',
  `Bars: top-1 ≥ 90 % at k = 10 and ≥ 85 % at k = 5 (use-lite): ${[10, 5]
    .map((k) => {
      const row = sectionA.find((r) => r.k === k && r.row === 'use-lite');
      return row ? `k=${k} ${pct(row.top1)} % ${row.top1 >= (k === 10 ? 0.9 : 0.85) ? 'met' : 'MISSED'}` : `k=${k} not run`;
    })
    .join(', ')}.`,
  '',
  `### (b) small bots: 10 random intents × 10 random phrases, mean of ${bots} seeds`,
  '',
  "Out-of-scope text: the test rows of 10 other intents plus CLINC's 1,000 oos test rows. Operating point: the model's own threshold (Parley), NLP.js's own \"None\".",
  '',
  '| model | top-1 % | in-scope % | OOS recall % | thresholds per seed |',
  '|---|---|---|---|---|',
  ...sectionB.map(
    (r) =>
      `| ${label[r.row]} | ${pct(r.top1)} | ${pct(r.inScope)} | ${pct(r.oosRecall)} | ${r.row === 'nlpjs' ? '0.5 (its own)' : r.thresholds.join(', ')} |`,
  ),
  '',
  `Bar: in-scope ≥ 90 % with OOS recall ≥ 70 % (use-lite): ${(() => {
    const row = sectionB.find((r) => r.row === 'use-lite');
    return row
      ? `${pct(row.inScope)} % / ${pct(row.oosRecall)} % ${row.inScope >= 0.9 && row.oosRecall >= 0.7 ? 'met' : 'MISSED'}`
      : 'not run';
  })()}.`,
  '',
  `Parley ahead of NLP.js on every row: ${(() => {
    if (!rows.includes('nlpjs')) return 'NLP.js not run in this run';
    const checks = [...ks.map((k) => ['top1', k])].map(([key, k]) => {
      const peer = bestOfPeer(k, key);
      const ours = sectionA.find((r) => r.k === k && r.row === 'use-lite')?.[key];
      return peer === undefined || ours === undefined ? null : ours > peer;
    });
    const small = sectionB.find((r) => r.row === 'use-lite');
    const peerSmall = sectionB.find((r) => r.row === 'nlpjs');
    if (small && peerSmall)
      checks.push(small.top1 > peerSmall.top1 && small.inScope + small.oosRecall > peerSmall.inScope + peerSmall.oosRecall);
    return checks.includes(null) ? 'not all rows run' : checks.every(Boolean) ? 'yes' : 'NO';
  })()}.`,
];
const markdown = lines.join('\n');
console.log(markdown);
if (!args.values['no-write']) writeSection(args.values.section, markdown);
