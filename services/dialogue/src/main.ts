/**
 * Runs the dialogue service: reads the configuration, opens the store and the NLU client, listens, then trains the
 * bot's definition on the NLU (reused at once when unchanged) and reports ready. SIGTERM/SIGINT first mark the
 * service not ready (/ready → 503) for PARLEY_SHUTDOWN_DELAY_MS, then close the server (no new connections,
 * in-flight requests finish, WebSockets get a 1012 close with a reconnect hint), then the store and the NLU client.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { isLoopbackHost } from '@parley/domain';
import { createSessionStore } from '@parley/session-store';
import { buildApp } from './app';
import { DefinitionFile } from './bot/definition-file';
import { loadBot } from './bot/load-bot';
import { loadConfig } from './config';
import { NluClient } from './nlu/nlu-client';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, base: { service: 'dialogue' } });
  if (config.http.allowUnauthenticated && config.http.apiKeys.length === 0 && !isLoopbackHost(config.http.host)) {
    logger.warn({ host: config.http.host }, 'PARLEY_ALLOW_UNAUTHENTICATED=true: listening beyond loopback with no API keys');
  }
  const bot = loadBot(config.bot);
  const definitionFile = config.botDefinitionFile === undefined ? undefined : new DefinitionFile(config.botDefinitionFile);
  // The file's phrases (those labelled on the dashboard among them) join the bot's: this training picks them up.
  const definition = definitionFile ? await definitionFile.mergeInto(bot.definition()) : bot.definition();
  const store = createSessionStore(config.store);
  // Fail fast on an unreachable store (no silent fallback to another one); an orchestrator restarts us.
  await store.ping();
  const nlu = await NluClient.connect(config.nlu);
  let draining = false;
  const app = await buildApp(config, {
    bot,
    store,
    nlu,
    logger,
    isDraining: () => draining,
    ...(definitionFile ? { definitionFile } : {}),
  });

  const shutdown = async (signal: string, exitCode = 0): Promise<void> => {
    if (draining) return;
    draining = true;
    logger.info({ signal, delayMs: config.shutdownDelayMs }, 'dialogue service shutting down');
    try {
      // Load balancers polling /ready stop sending traffic meanwhile; requests that still arrive are served.
      if (exitCode === 0 && config.shutdownDelayMs > 0) await sleep(config.shutdownDelayMs);
      await app.close();
      await store.close();
      nlu.close();
    } catch (error) {
      logger.error({ err: error }, 'error while shutting down');
      exitCode = 1;
    }
    process.exit(exitCode);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal));

  const address = await app.listen({ host: config.http.host, port: config.http.port });
  logger.info({ address, bot: definition.name, store: config.store.kind }, 'dialogue service listening');
  process.stdout.write(`parley dialogue service listening on ${address}\n`);

  const started = Date.now();
  try {
    let position = 0;
    const trained = await nlu.train(definition, (update) => {
      // Waiting for a training slot is worth telling at info (once per position); epochs only at debug.
      if (update.state === 'queued' && update.queuePosition !== position) {
        logger.info({ model: definition.name, queuePosition: update.queuePosition }, 'the NLU is busy training: waiting in its queue');
      }
      position = update.queuePosition;
      logger.debug(update, 'training');
    });
    const alias = config.nlu.modelAlias;
    logger.info(
      { model: trained.modelId, version: trained.version, alias, reused: trained.reused, ms: Date.now() - started },
      'dialogue service ready',
    );
    const predictsBy = alias === undefined ? trained.version : `alias ${alias}, trained ${trained.version}`;
    process.stdout.write(`parley dialogue service ready at ${address} (model ${trained.modelId} ${predictsBy})\n`);
    for (const warning of trained.warnings) logger.warn({ model: trained.modelId }, `training data: ${warning}`);
  } catch (error) {
    logger.fatal({ err: error }, 'could not train the bot model on the NLU service');
    process.stderr.write(`parley dialogue service: ${error instanceof Error ? error.message : String(error)}\n`);
    await shutdown('training failed', 1);
  }
}

main().catch((error: unknown) => {
  // Configuration errors name the variable: print them plainly; anything else with its stack.
  const plain = error instanceof Error && /^(invalid configuration|PARLEY_)/.test(error.message);
  console.error(plain ? error.message : error);
  process.exit(1);
});
