#!/usr/bin/env node
// npm run bench:audit — a filtered page of the audit (SessionStore.queryAudit, 50 rows) with --rows audit rows
// (default 1 M) on SQLite and PostgreSQL: p50/p99 per filter, over several rounds, each filter asked with varying
// values. The rows are written through the stores themselves (a session's 50 rows per write), shaped like a bot's
// traffic (see generate.mjs). Bar (issue 14): every filtered page ≤ 50 ms p50 on both stores.
// Needs a build (npm install does it) and the machine's PostgreSQL.
// Usage: node bench/audit/run.mjs [--rows 1000000] [--rounds 3] [--samples 20] [--stores sqlite,postgres] [--no-write]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs } from '../lib/args.mjs';
import { machine } from '../lib/machine.mjs';
import { machineLine, writeSection } from '../lib/report.mjs';
import { median, percentile, round } from '../lib/stats.mjs';
import { AUDIT_ROWS_PER_SESSION, auditSessions, auditVocabulary } from './generate.mjs';
import { auditQueries } from './queries.mjs';

const require = createRequire(import.meta.url);
const { PostgresSessionStore, SqliteSessionStore } = require('../../packages/session-store/dist/index.js');

const args = benchArgs('node bench/audit/run.mjs [--rows 1000000] [--rounds 3] [--samples 20] [--stores sqlite,postgres] [--no-write]', {
  rows: { type: 'string', default: '1000000' },
  rounds: { type: 'string', default: '3' },
  samples: { type: 'string', default: '20' },
  stores: { type: 'string', default: 'sqlite,postgres' },
  'no-write': { type: 'boolean', default: false },
});
const rows = args.integer('rows');
const rounds = args.integer('rounds');
const samples = args.integer('samples');
const stores = args.list('stores', ['sqlite', 'postgres']);
const POSTGRES_URL = process.env.PARLEY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BAR_MS = 50;
const work = mkdtempSync(join(tmpdir(), 'parley-bench-audit-'));
const schema = `bench_audit_${process.pid}`;

const open = {
  // NORMAL while loading only: 20,000 fsyncs would measure the disk, not the indexes.
  sqlite: (load) => new SqliteSessionStore({ path: join(work, 'sessions.db'), ttlSeconds: 0, synchronous: load ? 'NORMAL' : 'FULL' }),
  postgres: () => new PostgresSessionStore({ url: POSTGRES_URL, schema, ttlSeconds: 0, poolSize: 8 }),
};

/** Writes every session's rows through the store, 8 writes in flight; returns rows/s. */
async function load(store) {
  const started = performance.now();
  const sessions = auditSessions(rows);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < sessions.length; index = next++) await store.create(sessions.at(index));
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return Math.round(rows / ((performance.now() - started) / 1000));
}

/** Each query `samples` times per round (its values rotating), rounds interleaved; p50/p99 over all samples. */
async function measure(store) {
  const queries = auditQueries(auditVocabulary(rows));
  const times = new Map(queries.map((query) => [query.name, []]));
  const counts = new Map();
  for (let roundIndex = 0; roundIndex < rounds; roundIndex += 1) {
    for (const query of queries) {
      for (let sample = 0; sample < samples; sample += 1) {
        const { ms, rows: found } = await query.run(store, sample + roundIndex * samples);
        times.get(query.name).push(ms);
        counts.set(query.name, [...(counts.get(query.name) ?? []), found]);
      }
    }
  }
  return queries.map((query) => ({
    name: query.name,
    p50: median(times.get(query.name)),
    p99: percentile(times.get(query.name), 99),
    rows: median(counts.get(query.name)),
  }));
}

/**
 * PostgreSQL's autovacuum analyses a table once a tenth of it changed and vacuums an insert-only one once a fifth
 * did (which lets the audit's covering indexes answer without reading rows), within a minute of the load; the bench
 * does both at once rather than wait. SQLite has no such daemon: the store runs PRAGMA optimize when it opens.
 */
async function analyse(kind) {
  if (kind !== 'postgres') return;
  const { Client } = require('pg');
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`VACUUM ANALYZE "${schema}".audit`);
  await client.end();
}

async function bench(kind) {
  const loader = open[kind](true);
  await loader.ping();
  const writeRate = await load(loader);
  await loader.close();
  await analyse(kind);
  const store = open[kind](false);
  await store.ping();
  await store.queryAudit({ limit: 1 }); // warm-up: connections, statement cache
  const results = await measure(store);
  await store.close();
  return { kind, writeRate, results };
}

async function dropSchema() {
  const { Client } = require('pg');
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

function report(outcomes) {
  const names = outcomes[0].results.map((result) => result.name);
  const label = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
  const header = `| filter (50 rows a page) | ${outcomes.map((o) => `${label[o.kind]} p50 / p99 (ms)`).join(' | ')} | rows |`;
  const lines = names.map((name) => {
    const cells = outcomes.map((o) => {
      const result = o.results.find((r) => r.name === name);
      return `${round(result.p50, 2)} / ${round(result.p99, 2)}`;
    });
    return `| ${name} | ${cells.join(' | ')} | ${outcomes[0].results.find((r) => r.name === name).rows} |`;
  });
  const worst = outcomes.map((o) => {
    const slowest = o.results.reduce((a, b) => (b.p50 > a.p50 ? b : a));
    const ok = slowest.p50 <= BAR_MS;
    return `${label[o.kind]}: slowest p50 ${round(slowest.p50, 2)} ms (${slowest.name}) ${ok ? '✅' : '❌'}`;
  });
  const writes = outcomes.map((o) => `${label[o.kind]} ${o.writeRate.toLocaleString('en')} rows/s`).join(', ');
  return `## Audit queries (\`npm run bench:audit\`)

Command: \`node bench/audit/run.mjs --rows ${rows} --rounds ${rounds} --samples ${samples}\`. ${machineLine(machine())}
${rows.toLocaleString('en')} audit rows (${(rows / AUDIT_ROWS_PER_SESSION).toLocaleString('en')} sessions over 30 days: predictions, transitions
and session events of 40 states and 60 intents; see \`bench/audit/generate.mjs\`) written through each store, then
\`SessionStore.queryAudit\` in this process, one page of 50 rows, newest first, each filter asked ${samples} times a round with
rotating values, ${rounds} rounds. Times include decoding the rows. Loading: ${writes}.
Measured ${new Date().toISOString().slice(0, 10)}.

${header}
|---|${outcomes.map(() => '---|').join('')}---|
${lines.join('\n')}

Bar (issue 14): a filtered page ≤ ${BAR_MS} ms p50 at 1 M rows on SQLite and PostgreSQL. ${worst.join('; ')}.`;
}

try {
  const outcomes = [];
  for (const kind of stores) {
    process.stderr.write(`loading ${rows} audit rows into ${kind}…\n`);
    outcomes.push(await bench(kind));
  }
  const markdown = report(outcomes);
  process.stdout.write(`${markdown}\n`);
  if (!args.values['no-write']) writeSection('audit', markdown);
} finally {
  rmSync(work, { recursive: true, force: true });
  if (stores.includes('postgres')) await dropSchema();
}
