#!/usr/bin/env node
// Bare fastify echo server (JSON in, JSON out, no logging), the HTTP baseline for full turns. Prints "listening <port>".
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/echo', async (request) => request.body);
const address = await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 0) });
console.log(`listening ${new URL(address).port}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
