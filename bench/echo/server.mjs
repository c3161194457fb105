#!/usr/bin/env node
// Bare grpc-js echo server (no work per call), for same-run baselines. Prints "listening <port>" when ready.
// Usage: server.mjs <port> [answer-bytes]: with answer-bytes, every answer is a string that long instead of the text.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { fileURLToPath } from 'node:url';

const definition = protoLoader.loadSync(fileURLToPath(new URL('./echo.proto', import.meta.url)));
const pkg = grpc.loadPackageDefinition(definition);
const server = new grpc.Server();
const answer = process.argv[3] === undefined ? undefined : 'x'.repeat(Number(process.argv[3]));
server.addService(pkg.parley.bench.v1.Echo.service, {
  Echo: (call, callback) => callback(null, { text: answer ?? call.request.text }),
});
server.bindAsync(`127.0.0.1:${process.argv[2] ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  console.log(`listening ${port}`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
