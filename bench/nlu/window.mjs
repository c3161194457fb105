#!/usr/bin/env node
// Why NLU clients get a 4 MiB HTTP/2 window (packages/proto/src/nlu-client-options.ts): calls/s of a bare echo
// answering 5 KiB strings (a full Predict answer's size) beside one answering its short text, at 32 in flight, with
// grpc-js's default window and with nluClientOptions(), in alternating chunks. Prints the medians of --rounds.
// Needs a build. Usage: node bench/nlu/window.mjs [--rounds 5] [--answer-bytes 5200]
import { benchArgs } from '../lib/args.mjs';
import { freePort } from '../lib/free-port.mjs';
import { echoClient, unary } from '../lib/grpc-clients.mjs';
import { interleavedThroughput } from '../lib/load.mjs';
import { machine } from '../lib/machine.mjs';
import { startProcess } from '../lib/process.mjs';
import { machineLine } from '../lib/report.mjs';
import { median, round } from '../lib/stats.mjs';

const args = benchArgs('node bench/nlu/window.mjs [--rounds 5] [--answer-bytes 5200]', {
  rounds: { type: 'string', default: '5' },
  'answer-bytes': { type: 'string', default: '5200' },
});
const rounds = args.integer('rounds');
const answerBytes = args.integer('answer-bytes');
const server = new URL('../echo/server.mjs', import.meta.url).pathname;
const [shortPort, longPort] = [await freePort(), await freePort()];
const servers = await Promise.all([
  startProcess(process.execPath, [server, '--port', String(shortPort)], { ready: /listening/ }),
  startProcess(process.execPath, [server, '--port', String(longPort), '--answer-bytes', String(answerBytes)], { ready: /listening/ }),
]);
try {
  const call = (port, options) => {
    const echo = unary(echoClient(`127.0.0.1:${port}`, options), 'Echo');
    return () => echo({ text: 'what is the weather like in barcelona' });
  };
  const calls = [call(shortPort, {}), call(longPort, {}), call(shortPort, undefined), call(longPort, undefined)];
  const ratios = { defaultWindow: [], nluClientOptions: [] };
  for (let r = 0; r < rounds; r += 1) {
    const [shortDefault, longDefault, shortOptions, longOptions] = await interleavedThroughput(calls, {
      inFlight: 32,
      batches: 3,
      perBatch: 2000,
    });
    ratios.defaultWindow.push(longDefault.callsPerSecond / shortDefault.callsPerSecond);
    ratios.nluClientOptions.push(longOptions.callsPerSecond / shortOptions.callsPerSecond);
  }
  console.log(`node bench/nlu/window.mjs --rounds ${rounds} --answer-bytes ${answerBytes}. ${machineLine(machine())}`);
  console.log(`calls/s of ${answerBytes}-byte answers ÷ calls/s of short answers, median of ${rounds} rounds:`);
  for (const [name, list] of Object.entries(ratios))
    console.log(`  ${name}: ${round(median(list), 2)} (rounds: ${list.map((x) => round(x, 2)).join(', ')})`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
