/**
 * A bot that changes under live sessions, and errors the developer sees, over REST on every store: version 2 of a
 * bot renamed the state a session waits in, and its next messages are answered from the initial state (audited,
 * never a 500); a body that throws answers 200 with `errors` naming the state. Real NLU, real servers.
 */
import { expect, it } from 'vitest';
import { Bot } from '@parley/bot';
import type { SessionStore } from '@parley/session-store';
import { describeOnEveryStore } from '@parley/testkit/services/every-store';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';

/** One bot in two versions: version 2 renamed `asking` to `questioning`; its body throws on "break". */
function orderBot(version: 1 | 2): Bot {
  const bot = new Bot('order_bot');
  const order = bot.newIntent('order_intent', ['I want to order', 'order a pizza', 'can I order']);
  const size = bot.newIntent('size_intent', ['large', 'small', 'medium size']);
  const idle = bot.newState('idle', { initial: true });
  const asking = bot.newState(version === 1 ? 'asking' : 'questioning');
  const done = bot.newState('done');
  idle.setBody((session) => session.reply('What can I do?'));
  idle.whenIntentMatched(order).goTo(asking);
  asking.setBody((session) => {
    session.reply('Which size?');
    session.set('when', new Date() as never); // not JSON: INVALID_VARIABLE, the turn goes on
    session.reply('never sent');
  });
  asking.whenIntentMatched(size).goTo(done);
  done.setBody((session) => {
    session.reply(`Ordered: ${session.message ?? '?'}`);
    throw new Error('kitchen offline');
  });
  done.goTo(idle);
  return bot;
}

/** Starts the app on `store` without closing the store when the app stops. */
async function appOn(bot: Bot, store: SessionStore): Promise<{ harness: DialogueTestApp; stop(): Promise<void> }> {
  const harness = await startDialogueTestApp(bot, { store });
  return {
    harness,
    async stop() {
      await harness.app.close();
      harness.nlu.close();
      await harness.nluServer.close();
    },
  };
}

function describeOnStore(name: string, open: () => Promise<SessionStore>): void {
  it(`answers sessions whose state was renamed from the initial state, and reports body errors (${name})`, async () => {
    const store = await open();
    const statuses: number[] = [];
    const post = async (harness: DialogueTestApp, url: string, payload?: object) => {
      const response = await harness.app.inject({ method: 'POST', url, ...(payload ? { payload } : {}) });
      statuses.push(response.statusCode);
      return response.json() as { state: string; replies: Array<{ content: string }>; errors?: unknown[] };
    };
    try {
      const v1 = await appOn(orderBot(1), store);
      try {
        await post(v1.harness, '/v1/sessions', { id: 'stranded' });
        await post(v1.harness, '/v1/sessions', { id: 'other' });
        const asked = await post(v1.harness, '/v1/sessions/stranded/messages', { text: 'I want to order' });
        // The body that set a non-JSON variable: 200, what it replied before the error kept, the error named.
        expect(asked.state).toBe('asking');
        expect(asked.replies.map((reply) => reply.content)).toEqual(['Which size?']);
        expect(asked.errors).toEqual([
          {
            code: 'INVALID_VARIABLE',
            state: 'asking',
            message: expect.stringMatching(/^body of state 'asking' failed: session variable 'when'/),
          },
        ]);
        const ordered = await post(v1.harness, '/v1/sessions/other/messages', { text: 'can I order' });
        expect(ordered.state).toBe('asking');
      } finally {
        await v1.stop();
      }

      const v2 = await appOn(orderBot(2), store);
      try {
        // 'asking' is gone: the session moves to the initial state and the message is handled there.
        const moved = await post(v2.harness, '/v1/sessions/stranded/messages', { text: 'order a pizza' });
        expect(moved.state).toBe('questioning');
        expect(moved.replies.map((reply) => reply.content)).toEqual(['Which size?']);
        const size = await post(v2.harness, '/v1/sessions/stranded/messages', { text: 'large' });
        expect(size.replies.map((reply) => reply.content)).toEqual(['Ordered: large', 'What can I do?']);
        expect(size.errors).toEqual([{ code: 'BOT_ERROR', state: 'done', message: "body of state 'done' failed: kitchen offline" }]);
        // A message no intent of the initial state matches: the fallback, still an ordinary answer.
        const other = await post(v2.harness, '/v1/sessions/other/messages', { text: 'large' });
        expect(other).toMatchObject({ state: 'idle', replies: [{ content: "Sorry, I didn't get it" }] });
        const audit = await v2.harness.app.inject({ method: 'GET', url: '/v1/audit?sessionId=stranded&kind=transition' });
        const rows = (audit.json() as { rows: Array<{ data: { event: string; source: string; dest: string } }> }).rows;
        expect(rows.map((row) => row.data)).toContainEqual(
          expect.objectContaining({ event: 'state_missing', source: 'asking', dest: 'idle' }),
        );
        const errors = await v2.harness.app.inject({ method: 'GET', url: '/v1/audit?sessionId=stranded&kind=session' });
        const events = (errors.json() as { rows: Array<{ state: string; data: { event: string; code?: string } }> }).rows;
        expect(events).toContainEqual(
          expect.objectContaining({ state: 'done', data: expect.objectContaining({ event: 'error', code: 'BOT_ERROR' }) }),
        );
      } finally {
        await v2.stop();
      }
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
    } finally {
      await store.close();
    }
  });
}

await describeOnEveryStore('a bot that changes under live sessions', 'changes', describeOnStore);
