// Drives an async call: sequential latency (p50/p99 in ms) and throughput (calls/s) at a fixed number in flight.
import { percentile } from './stats.mjs';

export async function sequentialLatency(call, count) {
  const samples = [];
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    await call(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

export async function throughput(call, { inFlight, total }) {
  let next = 0;
  let failures = 0;
  const samples = [];
  const worker = async () => {
    while (next < total) {
      const i = next;
      next += 1;
      const start = process.hrtime.bigint();
      try {
        await call(i);
      } catch {
        failures += 1;
      }
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { callsPerSecond: total / seconds, p50: percentile(samples, 50), p99: percentile(samples, 99), failures, samples };
}

/**
 * Sequential latency of several calls measured in alternating small batches, so that a noisy machine (other
 * processes, CPU frequency) weighs on each of them alike; ratios of these p50s are what benchmarks compare.
 */
export async function interleavedLatency(calls, { batches = 40, perBatch = 50 } = {}) {
  const samples = calls.map(() => []);
  let i = 0;
  for (let batch = 0; batch < batches; batch += 1) {
    for (const [index, call] of calls.entries()) {
      for (let n = 0; n < perBatch; n += 1) {
        const start = process.hrtime.bigint();
        await call(i);
        i += 1;
        samples[index].push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
  }
  return samples.map((list) => ({ p50: percentile(list, 50), p99: percentile(list, 99) }));
}

/**
 * Throughput of several calls measured in alternating chunks (`perBatch` calls each at `inFlight`), the way
 * interleavedLatency alternates its batches: on a machine whose speed drifts over seconds, back-to-back runs of
 * 10,000 calls compare one call in a fast minute with another in a slow one. Each call's calls/s is its calls over
 * the time its chunks took.
 */
export async function interleavedThroughput(calls, { inFlight, batches = 10, perBatch = 2000 }) {
  const seconds = calls.map(() => 0);
  const failures = calls.map(() => 0);
  const samples = calls.map(() => []);
  for (let batch = 0; batch < batches; batch += 1) {
    for (const [index, call] of calls.entries()) {
      const result = await throughput(call, { inFlight, total: perBatch });
      seconds[index] += perBatch / result.callsPerSecond;
      failures[index] += result.failures;
      samples[index].push(...result.samples);
    }
  }
  return calls.map((_, index) => ({
    callsPerSecond: (batches * perBatch) / seconds[index],
    p50: percentile(samples[index], 50),
    p99: percentile(samples[index], 99),
    failures: failures[index],
  }));
}
