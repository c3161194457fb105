/**
 * Starts the NLU service: reads the config, listens, prints the address, and on SIGTERM/SIGINT stops accepting
 * calls, lets in-flight ones finish, closes the model event connections and exits.
 */
import pino from 'pino';
import { isLoopbackHost } from '@parley/domain';
import { loadConfig } from './config';
import { buildNluServer } from './grpc/build-nlu-server';
import { startMetricsHttpServer, type MetricsHttpServer } from './metrics/metrics-http-server';
import { NluMetrics } from './metrics/nlu-metrics';
import { describeUrl } from './registry/model-event-channel';
import { encoderMemoryBytes } from './service/installed-encoder';
import { modelMemoryBudget } from './service/model-memory-budget';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  if (config.allowUnauthenticated && config.apiKeys.length === 0 && !isLoopbackHost(config.host)) {
    logger.warn({ host: config.host }, 'PARLEY_ALLOW_UNAUTHENTICATED=true: listening beyond loopback with no API keys');
  }
  const metrics = new NluMetrics({ processMetrics: true });
  // PARLEY_MODEL_MEMORY_MB caps the process: loaded models get what the running service does not already use.
  const residentAtStart = process.memoryUsage().rss;
  const encoderBytes = encoderMemoryBytes(config.encoderSettings);
  const modelMemoryBytes = modelMemoryBudget(config.modelMemoryBytes, residentAtStart, encoderBytes);
  logger.info({ capBytes: config.modelMemoryBytes, residentAtStart, encoderBytes, modelMemoryBytes }, 'memory budget for loaded models');
  const server = await buildNluServer({ ...config, modelMemoryBytes }, { logger, metrics });
  const { address } = await server.listen();
  let metricsServer: MetricsHttpServer | undefined;
  if (config.metricsPort > 0) metricsServer = await startMetricsHttpServer(metrics, config.host, config.metricsPort);
  const modelEvents = config.modelEventsUrl === undefined ? 'off (polling only)' : describeUrl(config.modelEventsUrl);
  const modelStore = config.modelStore.kind === 'directory' ? config.modelStore.dir : describeUrl(config.modelStore.url);
  logger.info({ address, modelStore, modelEvents, metricsPort: metricsServer?.port }, `NLU service listening on ${address}`);
  process.stdout.write(`parley NLU service listening on ${address}\n`);
  void server.ready.then(() => logger.info('models loaded; health is SERVING'));

  const stop = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    void Promise.all([server.close(), metricsServer?.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`parley NLU service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
