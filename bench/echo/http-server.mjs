#!/usr/bin/env node
// Bare fastify echo server (JSON in, JSON out, no logging), the HTTP baseline for full turns. Prints "listening <port>".
// Usage: http-server.mjs [--port 0]
import Fastify from 'fastify';
import { benchArgs } from '../lib/args.mjs';

const args = benchArgs('node bench/echo/http-server.mjs [--port 0]', { port: { type: 'string', default: '0' } });

const app = Fastify({ logger: false });
app.post('/echo', async (request) => request.body);
const address = await app.listen({ host: '127.0.0.1', port: args.integer('port', 0) });
console.log(`listening ${new URL(address).port}`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
