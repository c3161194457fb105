/**
 * A real NLU service for in-process tests: the NLU service's own buildNluServer on 127.0.0.1:0 with a temporary
 * model directory and the inline trainer (no worker process, so it runs from TypeScript sources under vitest).
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
  close(): Promise<void>;
}

/** `modelDir` lets several servers share one directory, as NLU replicas do; `logger` lets a test read the log. */
export async function startNluTestServer(options: { modelDir?: string; logger?: Logger } = {}): Promise<NluTestServer> {
  const modelDir = options.modelDir ?? (await mkdtemp(join(tmpdir(), 'parley-nlu-test-')));
  const config = loadConfig({
    PARLEY_MODEL_DIR: modelDir,
    PARLEY_NLU_TRAINER: 'inline',
    PARLEY_LOG_LEVEL: 'silent',
    PARLEY_SHUTDOWN_GRACE_MS: '1000',
    PARLEY_REGISTRY_REFRESH_MS: '100',
  });
  const logger = options.logger ?? pino({ level: process.env['PARLEY_TEST_NLU_LOG'] ?? 'silent' });
  const server = await buildNluServer(config, { logger, trainer: new InlineTrainer() });
  await server.ready;
  const { address } = await server.listen('127.0.0.1', 0);
  return {
    address,
    async close() {
      await server.close();
      if (options.modelDir === undefined) await rm(modelDir, { recursive: true, force: true });
    },
  };
}
