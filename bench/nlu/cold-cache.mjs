#!/usr/bin/env node
// Why the classifier's data layout matters (packages/nlu/README.md, "Kernels"): in-process predict time on CLINC150
// with the model in the CPU caches, and with a 16 MiB sweep of memory before every call (the model out of every
// cache, as under load, when the gRPC machinery and the client run between two predictions). Medians of --runs.
// Needs a build. Usage: node bench/nlu/cold-cache.mjs [--runs 5] [--calls 2000]
import { createRequire } from 'node:module';
import { benchArgs } from '../lib/args.mjs';
import { clincDefinition, clincSplit } from '../lib/clinc150.mjs';
import { machine } from '../lib/machine.mjs';
import { machineLine } from '../lib/report.mjs';
import { median, round } from '../lib/stats.mjs';

const nlu = createRequire(import.meta.url)('../../packages/nlu/dist/index.js');
await nlu.loadClassifierKernels();
const args = benchArgs('node bench/nlu/cold-cache.mjs [--runs 5] [--calls 2000]', {
  runs: { type: 'string', default: '5' },
  calls: { type: 'string', default: '2000' },
});
const runs = args.integer('runs');
const calls = args.integer('calls');

const model = await nlu.trainModel(nlu.parseDefinition(clincDefinition()));
const texts = clincSplit('test').map((row) => row.text);
const sweep = new Uint8Array(16 << 20);

/** Mean microseconds of one predict, after `before()` (untimed) each time. */
function predictMicroseconds(before) {
  let total = 0n;
  for (let i = 0; i < calls; i += 1) {
    before();
    const start = process.hrtime.bigint();
    model.predict(texts[i % texts.length]);
    total += process.hrtime.bigint() - start;
  }
  return Number(total) / calls / 1000;
}

predictMicroseconds(() => {}); // warm-up
const warm = [];
const cold = [];
for (let run = 0; run < runs; run += 1) {
  warm.push(predictMicroseconds(() => {}));
  cold.push(
    predictMicroseconds(() => {
      for (let i = 0; i < sweep.length; i += 64) sweep[i] += 1;
    }),
  );
}
console.log(`node bench/nlu/cold-cache.mjs --runs ${runs} --calls ${calls}. ${machineLine(machine())}`);
console.log(
  `predict, model in the caches: ${round(median(warm), 1)} µs; after a 16 MiB sweep: ${round(median(cold), 1)} µs (medians of ${runs} runs)`,
);
