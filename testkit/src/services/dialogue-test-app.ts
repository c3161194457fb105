/**
 * The dialogue app in-process for route tests: a real NLU server on 127.0.0.1:0, a real NluClient that trained
 * the bot on it, a real store (memory unless given) and buildApp — everything but the listening socket.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { MemorySessionStore, type SessionStore } from '@parley/session-store';
import { buildApp } from '../../../services/dialogue/src/app';
import type { DefinitionFile } from '../../../services/dialogue/src/bot/definition-file';
import type { DialogueBot } from '../../../services/dialogue/src/bot/dialogue-bot';
import { loadConfig } from '../../../services/dialogue/src/config';
import { NluClient } from '../../../services/dialogue/src/nlu/nlu-client';
import { startNluTestServer, type NluTestServer } from './nlu-test-server';

export interface DialogueTestApp {
  app: FastifyInstance;
  nlu: NluClient;
  nluServer: NluTestServer;
  store: SessionStore;
  close(): Promise<void>;
}

export const TEST_ENV = {
  PARLEY_STORE: 'memory',
  PARLEY_LOG_LEVEL: 'silent',
  PARLEY_BODY_LIMIT_BYTES: '8192',
  PARLEY_MAX_TEXT_LENGTH: '200',
  PARLEY_HISTORY_WINDOW: '6',
} as const;

/** `nluLogger`: the NLU server's logger, for a test that reads what the NLU logged. */
export async function startDialogueTestApp(
  bot: DialogueBot,
  options: { store?: SessionStore; env?: Record<string, string>; nluLogger?: Logger; definitionFile?: DefinitionFile } = {},
): Promise<DialogueTestApp> {
  const config = loadConfig({ ...TEST_ENV, ...options.env });
  const nluServer = await startNluTestServer(options.nluLogger ? { logger: options.nluLogger } : {});
  const nlu = await NluClient.connect({ ...config.nlu, addresses: [nluServer.address] });
  await nlu.train(bot.definition());
  const store = options.store ?? new MemorySessionStore({ ttlSeconds: 0 });
  const app = await buildApp(config, { bot, store, nlu, ...(options.definitionFile ? { definitionFile: options.definitionFile } : {}) });
  await app.ready();
  return {
    app,
    nlu,
    nluServer,
    store,
    async close() {
      await app.close();
      await store.close();
      nlu.close();
      await nluServer.close();
    },
  };
}
