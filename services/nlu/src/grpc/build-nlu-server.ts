/**
 * Builds the NLU gRPC server from a config and its dependencies, without listening (main.ts listens; tests
 * listen on 127.0.0.1:0). Wires registry, memory cache, training jobs, metrics, health and reflection, and the
 * API-key check (require-api-key.ts) when keys are configured.
 */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ApiKeySet } from '@parley/domain';
import type { SentenceEncoder } from '@parley/nlu';
import { loadNluPackage } from '@parley/proto';
import pino, { type Logger } from 'pino';
import type { NluServiceConfig } from '../config';
import { InlineTrainer } from '../jobs/inline-trainer';
import type { Trainer } from '../jobs/trainer';
import { WorkerTrainer } from '../jobs/worker-trainer';
import { NluMetrics } from '../metrics/nlu-metrics';
import { ModelEvents } from '../registry/model-events';
import { openModelEventChannel } from '../registry/open-model-event-channel';
import { createNluCore } from '../service/create-nlu-core';
import { installedEncoder } from '../service/installed-encoder';
import type { NluService } from '../service/nlu-service';
import { countingAuthorizationLines } from './authorization-lines';
import { addHealthAndReflection } from './health-and-reflection';
import { addTolerantService } from './malformed-requests';
import { PredictStreams } from './predict-streams';
import { createNluHandlers } from './nlu-handlers';
import { requireApiKey } from './require-api-key';

export interface NluServerDeps {
  logger?: Logger;
  /** Default: a WorkerTrainer, or an InlineTrainer when config.trainer is "inline". */
  trainer?: Trainer;
  metrics?: NluMetrics;
  /** The sentence encoder; default: the installed one (PARLEY_NLU_ENCODER), closed with the server. null: none. */
  encoder?: SentenceEncoder | null;
}

export interface NluServer {
  readonly grpcServer: Server;
  readonly service: NluService;
  readonly metrics: NluMetrics;
  /**
   * Settles when model events are subscribed (or the first attempt failed), the stored models are loaded (as
   * far as the memory cap allows) and health says SERVING.
   */
  readonly ready: Promise<void>;
  /** Binds host:port (config's by default; port 0 picks a free one). */
  listen(host?: string, port?: number): Promise<{ host: string; port: number; address: string }>;
  /**
   * Stops accepting calls, cancels running trainings, lets in-flight calls finish (up to the grace period), then
   * closes the model event connections.
   */
  close(): Promise<void>;
}

export async function buildNluServer(config: Readonly<NluServiceConfig>, deps: NluServerDeps = {}): Promise<NluServer> {
  const logger = deps.logger ?? pino({ level: config.logLevel });
  const metrics = deps.metrics ?? new NluMetrics();
  // Announcements go out once the core exists and the channel is started (no connection before that).
  const modelEvents =
    config.modelEventsUrl === undefined
      ? undefined
      : new ModelEvents(openModelEventChannel(config.modelEventsUrl, logger), metrics, logger);
  const ownEncoder = deps.encoder === undefined ? await installedEncoder(config.encoderSettings, logger) : undefined;
  const encoder = deps.encoder ?? ownEncoder;
  const core = await createNluCore({
    ...config,
    encoder,
    limits: config,
    trainer:
      deps.trainer ?? (config.trainer === 'inline' ? new InlineTrainer() : new WorkerTrainer({ memoryBytes: config.trainingMemoryBytes })),
    metrics,
    logger,
    onModelChange: modelEvents && ((change) => modelEvents.announce(change)),
  });
  const { service, jobs, cache, registry } = core;
  const subscribed = modelEvents?.start(registry);

  const { grpcObject } = loadNluPackage();
  const grpcServer = countingAuthorizationLines(
    new Server({
      'grpc.max_receive_message_length': config.maxMessageBytes,
      'grpc.max_send_message_length': config.maxMessageBytes,
      // Connections are recycled (GOAWAY, then the grace for calls still running), so every client re-resolves the
      // replicas now and then and a new replica gets its share of traffic; 0 keeps a connection forever.
      ...(config.maxConnectionAgeMs > 0
        ? { 'grpc.max_connection_age_ms': config.maxConnectionAgeMs, 'grpc.max_connection_age_grace_ms': config.maxConnectionAgeGraceMs }
        : {}),
      ...(config.apiKeys.length > 0 ? { interceptors: [requireApiKey(new ApiKeySet(config.apiKeys), logger)] } : {}),
    }),
  );
  const predictStreams = new PredictStreams(service, logger);
  addTolerantService(grpcServer, grpcObject.parley.nlu.v1.Nlu.service, createNluHandlers(service, logger, predictStreams), logger);
  const health = addHealthAndReflection(grpcServer, logger);

  // Serving needs no TensorFlow backend (inference is plain JS); trainings initialise it where they run.
  const ready = (async () => {
    await subscribed;
    await service.preload();
    health.set('SERVING');
  })();
  ready.catch((error: unknown) => logger.error({ err: error }, 'loading models failed'));

  let closing: Promise<void> | undefined;
  return {
    grpcServer,
    service,
    metrics,
    ready,
    listen(host = config.host, port = config.port) {
      return new Promise((resolve, reject) => {
        grpcServer.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, boundPort) => {
          if (error) reject(error);
          else resolve({ host, port: boundPort, address: `${host.includes(':') ? `[${host}]` : host}:${boundPort}` });
        });
      });
    },
    close() {
      closing ??= (async () => {
        health.set('NOT_SERVING');
        await jobs.close();
        // Long-lived PredictStreams end once answered, so tryShutdown need not wait out the grace period.
        const shutDown = shutdown(grpcServer, config.shutdownGraceMs);
        predictStreams.endAll();
        await shutDown;
        await modelEvents?.close();
        cache.clear();
        await core.close();
        await ownEncoder?.close();
      })();
      return closing;
    },
  };
}

/** Lets in-flight calls finish; after the grace period, cuts the rest off. */
function shutdown(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.forceShutdown(), graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
