// CLINC150 benchmark of the NLU classifier: trains on train.json (out-of-scope rows left out), picks the threshold
// on val.json, evaluates on test.json and on a typo-perturbed copy of it. Needs `npx tsc -b packages/nlu` first.
// Usage: node bench/nlu/clinc.mjs [datasetDir] [--json] [--hyper '{"epochs":8}']
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const nlu = require('../../packages/nlu/dist/index.js');

const args = process.argv.slice(2);
const json = args.includes('--json');
const hyperAt = args.indexOf('--hyper');
const hyperParameters = hyperAt >= 0 ? JSON.parse(args[hyperAt + 1]) : {};
const dir = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--hyper') ?? '/work/shared/datasets/clinc150';
const read = (name) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));

const [train, val, test] = ['train', 'val', 'test'].map(read);
const result = await nlu.evaluateDataset({ train, val, test, seed: 42, hyperParameters });
const typoTest = test.filter((row) => row.intent !== 'oos').map((row, i) => ({ ...row, text: nlu.addTypos(row.text, { probability: 0.1, seed: i }) }));
const typos = nlu.evaluateModel(result.model, typoTest, { threshold: result.metrics.threshold });

const report = { ...result.metrics, typoTop1Accuracy: typos.top1Accuracy, sizeBytes: result.model.sizeBytes };
if (json) {
  console.log(JSON.stringify(report));
} else {
  const bars = { top1Accuracy: ['≥', 0.925], inScopeAccuracy: ['≥', 0.9], oosRecall: ['≥', 0.5], trainSeconds: ['≤', 15], typoTop1Accuracy: ['≥', 0.9], predictP50Ms: ['≤', 0.1] };
  for (const [key, value] of Object.entries(report)) {
    const bar = bars[key];
    const verdict = bar ? ` (bar ${bar[0]} ${bar[1]}: ${(bar[0] === '≥' ? value >= bar[1] : value <= bar[1]) ? 'ok' : 'MISSED'})` : '';
    console.log(`${key.padEnd(18)} ${typeof value === 'number' ? Number(value.toFixed(4)) : value}${verdict}`);
  }
  console.log('most confused:', result.confusions.slice(0, 5).map((c) => `${c.expected}→${c.predicted} ×${c.count}`).join(', '));
}
