// Measures @parley/encoder on this machine (numbers in README.md): load time, time per text alone and in batches,
// and the resident memory one graph thread adds. Needs a build (npx tsc -b packages/encoder) and the CLINC150 texts:
//   node packages/encoder/measure.mjs [path/to/clinc150/test.json]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { UseLiteEncoder } = require('./dist/index.js');
const file = process.argv[2] ?? new URL('../../../shared/datasets/clinc150/test.json', import.meta.url).pathname;
const texts = [...new Set(JSON.parse(readFileSync(file, 'utf8')).map((row) => row.text))];
const mb = (bytes) => Math.round(bytes / 1024 / 1024);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rssBefore = process.memoryUsage().rss;
let started = performance.now();
const encoder = await UseLiteEncoder.open({ threads: 1, cacheMegabytes: 0 });
const openMs = performance.now() - started;
started = performance.now();
await encoder.encode([texts[0]]);
const firstMs = performance.now() - started;
const rssLoaded = process.memoryUsage().rss;

const single = [];
for (const text of texts.slice(1, 201)) {
  started = performance.now();
  await encoder.encode([text]);
  single.push(performance.now() - started);
}

const batches = [];
for (let at = 201; at + 32 <= 201 + 32 * 20; at += 32) {
  started = performance.now();
  await encoder.encode(texts.slice(at, at + 32));
  batches.push((performance.now() - started) / 32);
}
const rssAfter = process.memoryUsage().rss;
await encoder.close();

console.log(
  JSON.stringify(
    {
      openMs: Math.round(openMs),
      firstEncodeMs: Math.round(firstMs),
      singleMedianMs: +median(single).toFixed(1),
      singleP90Ms: +[...single].sort((a, b) => a - b)[Math.floor(single.length * 0.9)].toFixed(1),
      batch32PerTextMedianMs: +median(batches).toFixed(2),
      rssBeforeMb: mb(rssBefore),
      rssAddedByOneThreadMb: mb(rssLoaded - rssBefore),
      rssAddedAfterRunsMb: mb(rssAfter - rssBefore),
    },
    null,
    2,
  ),
);
