#!/usr/bin/env node
// Bare grpc-js echo server (no work per call), for same-run baselines. Prints "listening <port>" when ready.
// Usage: server.mjs [--port 0] [--answer-bytes N]: with --answer-bytes, every answer is a string that long instead of
// the text.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { fileURLToPath } from 'node:url';
import { benchArgs } from '../lib/args.mjs';

const args = benchArgs('node bench/echo/server.mjs [--port 0] [--answer-bytes N]', {
  port: { type: 'string', default: '0' },
  'answer-bytes': { type: 'string' },
});
const port = args.integer('port', 0);

const definition = protoLoader.loadSync(fileURLToPath(new URL('./echo.proto', import.meta.url)));
const pkg = grpc.loadPackageDefinition(definition);
const server = new grpc.Server();
const answer = args.values['answer-bytes'] === undefined ? undefined : 'x'.repeat(args.integer('answer-bytes', 0));
server.addService(pkg.parley.bench.v1.Echo.service, {
  Echo: (call, callback) => callback(null, { text: answer ?? call.request.text }),
});
server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => {
  if (error) throw error;
  console.log(`listening ${bound}`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
