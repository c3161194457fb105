// CLINC150 benchmark of the NLU classifier: trains on train.json (out-of-scope rows left out), picks the threshold
// on val.json, evaluates on test.json and on a typo-perturbed copy of it. Needs `npx tsc -b packages/nlu` first.
// Usage: node bench/nlu/clinc.mjs [datasetDir] [--json] [--seed 42] [--hyper '{"epochs":8}'] [--encoder none] [--scopes]
// --encoder: the definition's config.encoder (none, use-lite, auto); the sentence encoder runs in this process.
// --scopes instead compares, on 10 scopes of 5 intents, the one all-intents model restricted to each scope with a
// model trained on the scope's intents alone (what BBF does per state).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../lib/args.mjs';

const args = benchArgs(
  `node bench/nlu/clinc.mjs [datasetDir] [--json] [--seed 42] [--hyper '{"epochs":8}'] [--encoder none] [--scopes]`,
  {
    encoder: { type: 'string', default: 'none' },
    json: { type: 'boolean', default: false },
    seed: { type: 'string', default: '42' },
    hyper: { type: 'string', default: '{}' },
    scopes: { type: 'boolean', default: false },
  },
  { allowPositionals: true },
);
if (args.positionals.length > 1) args.fail(`expected one dataset directory, got ${args.positionals.length}`);
const json = args.values.json;
const seed = args.integer('seed', 0);
const hyperParameters = readHyperParameters(args.values.hyper);
const encoderChoice = args.oneOf('encoder', ['none', 'use-lite', 'auto']);
const dir = args.positionals[0] ?? fileURLToPath(new URL('../../../shared/datasets/clinc150', import.meta.url));

function readHyperParameters(text) {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
  } catch {
    // reported below
  }
  return args.fail(`--hyper takes a JSON object, not ${text}`);
}

const require = createRequire(import.meta.url);
const nlu = require('../../packages/nlu/dist/index.js');
// As the service serves models: in the classifier kernels.
await nlu.loadClassifierKernels();

const read = (name) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));

const [train, val, test] = ['train', 'val', 'test'].map(read);
if (args.values.scopes) {
  await compareScopes();
  process.exit(0);
}
const { UseLiteEncoder } = require('../../packages/encoder/dist/index.js');
const encoder = encoderChoice === 'none' ? undefined : await UseLiteEncoder.open({ threads: 1, cacheMegabytes: 256 });
const result = await nlu.evaluateDataset({ train, val, test, seed, hyperParameters, encoderChoice, ...(encoder ? { encoder } : {}) });
const typoTest = test
  .filter((row) => row.intent !== 'oos')
  .map((row, i) => ({ ...row, text: nlu.addTypos(row.text, { probability: 0.1, seed: i }) }));
const typos = await nlu.evaluateModel(result.model, typoTest, { threshold: result.metrics.threshold, ...(encoder ? { encoder } : {}) });
await encoder?.close();

const report = { ...result.metrics, typoTop1Accuracy: typos.top1Accuracy, sizeBytes: result.model.sizeBytes };
if (json) {
  console.log(JSON.stringify(report));
} else {
  const bars = {
    top1Accuracy: ['≥', 0.925],
    inScopeAccuracy: ['≥', 0.9],
    oosRecall: ['≥', 0.5],
    trainSeconds: ['≤', 15],
    typoTop1Accuracy: ['≥', 0.9],
    predictP50Ms: ['≤', 0.1],
  };
  for (const [key, value] of Object.entries(report)) {
    const bar = bars[key];
    const verdict = bar ? ` (bar ${bar[0]} ${bar[1]}: ${(bar[0] === '≥' ? value >= bar[1] : value <= bar[1]) ? 'ok' : 'MISSED'})` : '';
    console.log(`${key.padEnd(18)} ${typeof value === 'number' ? Number(value.toFixed(4)) : value}${verdict}`);
  }
  const sweep = result.thresholdSweep.filter((point) => [0.1, 0.2, 0.3, 0.4, 0.5].includes(point.threshold));
  console.log(
    'test sweep:',
    sweep.map((p) => `${p.threshold}: in-scope ${p.inScopeAccuracy.toFixed(3)} / oos ${p.oosRecall?.toFixed(3)}`).join(', '),
  );
  console.log(
    'most confused:',
    result.confusions
      .slice(0, 5)
      .map((c) => `${c.expected}→${c.predicted} ×${c.count}`)
      .join(', '),
  );
}

/** Accuracy on the scope's own test rows, and how often text meant for other intents (or oos) falls back. */
async function compareScopes() {
  const intents = [...new Set(train.map((row) => row.intent).filter((intent) => intent !== 'oos'))];
  const scopes = Array.from({ length: 10 }, (_, s) => ({
    name: `state${s}`,
    intents: Array.from({ length: 5 }, (_, i) => intents[(s * 37 + i * 29) % intents.length]),
  }));
  const definitionOf = (names, scopeList) => ({
    name: 'clinc-scopes',
    language: 'en',
    entities: [],
    scopes: scopeList,
    intents: names.map((name) => ({
      name,
      trainingSentences: train.filter((row) => row.intent === name).map((row) => row.text),
      parameters: [],
    })),
    config: { threshold: 0.4, ambiguityMargin: 0, seed, timezone: 'UTC', hyperParameters },
  });
  const global = await nlu.trainModel(definitionOf(intents, scopes));
  const totals = { restricted: [0, 0, 0], dedicated: [0, 0, 0], trainSeconds: 0 };
  for (const scope of scopes) {
    const dedicated = await nlu.trainModel(definitionOf(scope.intents, []));
    totals.trainSeconds += dedicated.trainSeconds;
    const own = test.filter((row) => scope.intents.includes(row.intent));
    const others = test.filter((row) => !scope.intents.includes(row.intent)).filter((_, i) => i % 10 === 0);
    for (const [key, predict] of [
      ['restricted', (text) => global.predict(text, scope.name)],
      ['dedicated', (text) => dedicated.predict(text)],
    ]) {
      totals[key][0] += own.filter((row) => predict(row.text).intent === row.intent).length / own.length;
      totals[key][1] += own.filter((row) => predict(row.text).ranking[0].intent === row.intent).length / own.length;
      totals[key][2] += others.filter((row) => predict(row.text).intent === 'fallback_intent').length / others.length;
    }
  }
  for (const key of ['restricted', 'dedicated']) {
    const [accuracy, top1, rejected] = totals[key].map((sum) => (sum / scopes.length).toFixed(4));
    console.log(`${key.padEnd(10)} accuracy@0.4 ${accuracy}  top1 ${top1}  other-intent text rejected ${rejected}`);
  }
  console.log(
    `train seconds: one all-intents model ${global.trainSeconds.toFixed(1)}, ${scopes.length} dedicated models ${totals.trainSeconds.toFixed(1)}`,
  );
}
