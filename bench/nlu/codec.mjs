// In-process cost of one Predict answer's bytes: stock proto-loader against @parley/proto's prediction codec, on a
// real answer (a full 150-intent ranking), medians of several timed runs.
import { createRequire } from 'node:module';
import { plainNluDefinition } from '../lib/grpc-clients.mjs';
import { median } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);

function microseconds(fn, iterations) {
  for (let i = 0; i < 1000; i += 1) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) fn();
  return Number(process.hrtime.bigint() - start) / iterations / 1000;
}

export function codecTimes(answer, { runs = 9, iterations = 5000 } = {}) {
  const { loadNluPackage } = require('../../packages/proto/dist/index.js');
  const { NLU_SERVICE: service } = require('../../packages/proto/dist/index.js');
  const plain = plainNluDefinition()[service].Predict;
  const fast = loadNluPackage().definition[service].Predict;
  const bytes = plain.responseSerialize(answer);
  const samples = { plainEncode: [], plainDecode: [], codecEncode: [], codecDecode: [] };
  for (let run = 0; run < runs; run += 1) {
    samples.plainEncode.push(microseconds(() => plain.responseSerialize(answer), iterations));
    samples.codecEncode.push(microseconds(() => fast.responseSerialize(answer), iterations));
    samples.plainDecode.push(microseconds(() => plain.responseDeserialize(bytes), iterations));
    samples.codecDecode.push(microseconds(() => fast.responseDeserialize(bytes), iterations));
  }
  return { bytes: bytes.length, ...Object.fromEntries(Object.entries(samples).map(([key, list]) => [key, median(list)])) };
}
