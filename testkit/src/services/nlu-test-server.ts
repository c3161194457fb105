/**
 * A real NLU service for in-process tests: the NLU service's own buildNluServer on 127.0.0.1:0 with a temporary
 * model directory and the inline trainer (no worker process, so it runs from TypeScript sources under vitest), the
 * sentence encoder off unless `env` turns it on.
 * Services never import each other; tests may, to run the other side of the wire for real.
 * PARLEY_TEST_NLU_LOG=debug shows the server's log when a test needs explaining.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { buildNluServer, InlineTrainer, loadConfig } from '../../../services/nlu/src/index';

export interface NluTestServer {
  address: string;
  /** Predictions this server has answered (its parley_nlu_predict_seconds count). */
  predictions(): Promise<number>;
  close(): Promise<void>;
}

export interface NluTestServerOptions {
  /** Lets several servers share one directory, as NLU replicas do. */
  modelDir?: string;
  /** Lets a test read the log. */
  logger?: Logger;
  /** Where to listen: 127.0.0.1:0 unless given (replicas behind one name share a port on 127.0.0.x). */
  host?: string;
  port?: number;
  /** More of the service's variables (PARLEY_NLU_MAX_CONNECTION_AGE_MS, …). */
  env?: Record<string, string>;
}

export async function startNluTestServer(options: NluTestServerOptions = {}): Promise<NluTestServer> {
  const modelDir = options.modelDir ?? (await mkdtemp(join(tmpdir(), 'parley-nlu-test-')));
  const config = loadConfig({
    PARLEY_MODEL_DIR: modelDir,
    PARLEY_NLU_TRAINER: 'inline',
    PARLEY_LOG_LEVEL: 'silent',
    PARLEY_SHUTDOWN_GRACE_MS: '1000',
    PARLEY_REGISTRY_REFRESH_MS: '100',
    // The sentence encoder costs ~15 ms a prediction and ~1 s to start: only the tests about it turn it on.
    PARLEY_NLU_ENCODER: 'off',
    ...options.env,
  });
  const logger = options.logger ?? pino({ level: process.env['PARLEY_TEST_NLU_LOG'] ?? 'silent' });
  const server = await buildNluServer(config, { logger, trainer: new InlineTrainer() });
  await server.ready;
  const { address } = await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return {
    address,
    async predictions() {
      const metric = (await server.metrics.registry.getMetricsAsJSON()).find((entry) => entry.name === 'parley_nlu_predict_seconds');
      const counts = (metric?.values ?? []) as Array<{ metricName?: string; value: number }>;
      return counts.filter((entry) => entry.metricName === 'parley_nlu_predict_seconds_count').reduce((sum, entry) => sum + entry.value, 0);
    },
    async close() {
      await server.close();
      if (options.modelDir === undefined) await rm(modelDir, { recursive: true, force: true });
    },
  };
}
