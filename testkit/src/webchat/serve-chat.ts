/**
 * Builds and starts the app the browser test talks to. `startChatUnderTest` is the one function to replace
 * when the real dialogue app serves the example greetings bot; `GREETINGS` holds what that conversation expects.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { registerWebChat, registerWebSocketChannel } from '../../../services/dialogue/src/channels';
import type { TurnService } from '../../../services/dialogue/src/turns/turn-service';
import { greetingsBot } from '@parley/examples';
import { startDialogueTestApp } from '../services/dialogue-test-app';

export interface ChatUnderTest {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The greetings conversation the test holds: what the user sends and what the bot must answer. */
export const GREETINGS = {
  hello: 'hello',
  helloReply: 'Hi! How are you?',
  options: ['good', 'bad'],
  goodReply: 'I am glad to hear that!',
  badReply: 'I am sorry to hear that...',
  fileReply: "Sorry, I didn't get it",
} as const;

/** The real dialogue app (SessionTurns, a real NLU server, the memory store) with the example greetings bot. */
export async function startChatUnderTest(): Promise<ChatUnderTest> {
  const harness = await startDialogueTestApp(greetingsBot, { env: { PARLEY_BODY_LIMIT_BYTES: '1048576' } });
  const url = await harness.app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${url}/`, app: harness.app, close: () => harness.close() };
}

/** The channel and the page on a fastify app listening on 127.0.0.1 at a free port. */
export async function serveChat(turns: TurnService): Promise<ChatUnderTest> {
  const app = Fastify();
  await registerWebSocketChannel(app, { turns, maxFrameBytes: 1_048_576 });
  await registerWebChat(app);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${url}/`, app, close: () => app.close() };
}
