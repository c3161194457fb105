/**
 * The session keeps what BBF keeps, over REST and on every store: a body reads session.file in any turn after the
 * file arrived, session.predictedIntent in the turns after a message (a file or event turn keeps it), and
 * session.message; a reset forgets all three. Real NLU, real servers.
 */
import { expect, it } from 'vitest';
import { Bot, type Session } from '@parley/bot';
import type { SessionStore } from '@parley/session-store';
import { describeOnEveryStore } from '@parley/testkit/services/every-store';
import { startDialogueTestApp } from '@parley/testkit/services/dialogue-test-app';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');

/** Every body says what the session remembers: last prediction / last message / last file. */
function keeperBot(): Bot {
  const bot = new Bot('keeper_bot');
  const hello = bot.newIntent('hello_intent', ['hello', 'hi there', 'good morning']);
  const status = bot.newIntent('status_intent', ['status', 'what do you remember', 'show status']);
  const idle = bot.newState('idle', { initial: true });
  const greet = bot.newState('greet');
  const received = bot.newState('received');
  const report = bot.newState('report');
  const remembered = (session: Session): string =>
    `${session.predictedIntent?.intent ?? '-'} / ${session.message ?? '-'} / ${session.file ? `${session.file.name} ${session.file.base64.length}` : '-'}`;
  idle.whenFileReceived().goTo(received);
  idle.whenEvent('peek').goTo(report);
  idle.whenIntentMatched(hello).goTo(greet);
  idle.whenIntentMatched(status).goTo(report);
  greet.setBody((session) => session.reply(`hello: ${remembered(session)}`));
  received.setBody((session) => session.reply(`file: ${remembered(session)}`));
  report.setBody((session) => session.reply(`report: ${remembered(session)}`));
  for (const state of [greet, received, report]) state.goTo(idle);
  return bot;
}

function describeOnStore(name: string, open: () => Promise<SessionStore>): void {
  it(`keeps the last prediction, message and file across turns (${name})`, async () => {
    const harness = await startDialogueTestApp(keeperBot(), { store: await open() });
    try {
      const say = async (url: string, payload?: object): Promise<string[]> => {
        const response = await harness.app.inject({ method: 'POST', url, ...(payload ? { payload } : {}) });
        expect(response.statusCode, response.body).toBe(200);
        return (response.json() as { replies: Array<{ content: string }> }).replies.map((reply) => reply.content);
      };
      expect((await harness.app.inject({ method: 'POST', url: '/v1/sessions', payload: { id: 'keeper' } })).statusCode).toBe(201);
      expect(await say('/v1/sessions/keeper/messages', { text: 'hello' })).toEqual(['hello: hello_intent / hello / -']);
      // A file turn: no prediction of its own, the last one kept; the file is readable at once.
      expect(await say('/v1/sessions/keeper/files', { name: 'cat.png', type: 'image/png', base64: PNG })).toEqual([
        `file: hello_intent / cat.png / cat.png ${PNG.length}`,
      ]);
      // The turns after it read the file from the store, and the prediction of the message that came before.
      expect(await say('/v1/sessions/keeper/events', { name: 'peek' })).toEqual([`report: hello_intent / cat.png / cat.png ${PNG.length}`]);
      expect(await say('/v1/sessions/keeper/messages', { text: 'status' })).toEqual([
        `report: status_intent / status / cat.png ${PNG.length}`,
      ]);
      await say('/v1/sessions/keeper/reset');
      expect(await say('/v1/sessions/keeper/events', { name: 'peek' })).toEqual(['report: - / - / -']);
    } finally {
      await harness.close();
    }
  });
}

await describeOnEveryStore('the session keeps what BBF keeps', 'context', describeOnStore);
