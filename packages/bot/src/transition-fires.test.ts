import type { JsonObject } from '@parley/domain';
import { describe, expect, it } from 'vitest';
import { Bot } from './bot';
import { Conversation, texts } from '@parley/testkit/bot/conversation';

describe('variable transitions', () => {
  it.each([
    ['<', 17, true],
    ['<', 18, false],
    ['<=', 18, true],
    ['==', 18, true],
    ['!=', 18, false],
    ['>=', 18, true],
    ['>', 18, false],
  ] as const)('age %s 18 with age = %d fires: %s', async (operation, age, fires) => {
    const bot = new Bot('b');
    const [s0, yes] = [bot.newState('s0', { initial: true }), bot.newState('yes')];
    s0.setBody((session) => session.set('age', age));
    s0.whenVariableMatchesOperation('age', operation, 18).goTo(yes);
    expect((await new Conversation(bot).start()).snapshot.state).toBe(fires ? 'yes' : 's0');
  });

  it('accepts an (async) function operation and reports one that throws as not firing', async () => {
    const bot = new Bot('b');
    const [s0, even, never] = [bot.newState('s0', { initial: true }), bot.newState('even'), bot.newState('never')];
    s0.setBody((session) => session.set('n', 4));
    s0.whenVariableMatchesOperation(
      'n',
      function broken() {
        throw new Error('bad operation');
      },
      0,
    ).goTo(never);
    const isEven = async (value: unknown, target: unknown): Promise<boolean> => typeof value === 'number' && value % 2 === target;
    s0.whenVariableMatchesOperation('n', isEven, 0).goTo(even);
    const outcome = await new Conversation(bot).start();
    expect(outcome.snapshot.state).toBe('even');
    expect(outcome.errors).toEqual([
      {
        code: 'BOT_ERROR',
        message: 'transition variable_matches_operation (n broken 0): [s0] --> [never] failed, counted as not firing: bad operation',
        state: 's0',
      },
    ]);
  });
});

describe('a file', () => {
  const png = { name: 'cat.png', type: 'image/png', base64: 'iVBORw0KGgo=' };
  const pdf = { name: 'cv.pdf', type: 'application/pdf; charset=binary', base64: 'JVBERi0=' };

  function fileBot() {
    const bot = new Bot('files');
    const hello = bot.newIntent('hello', ['hello']);
    const s0 = bot.newState('s0', { initial: true });
    const [image, doc, greeted] = [bot.newState('image'), bot.newState('doc'), bot.newState('greeted')];
    s0.whenIntentMatched(hello).goTo(greeted);
    s0.whenFileReceived('IMAGE/*').goTo(image);
    s0.whenFileReceived(['application/pdf', 'text/plain']).goTo(doc);
    s0.setFallbackBody((session) => session.reply(`fallback for ${session.message}`));
    image.setBody((session) => session.reply(`got ${session.file?.name} after ${session.predictedIntent?.intent}`));
    doc.setBody((session) => session.reply(`doc ${session.file?.type}`));
    greeted.goTo(s0);
    image.goTo(s0);
    doc.goTo(s0);
    return bot;
  }

  it('takes the first transition whose MIME types match and keeps the last prediction', async () => {
    const chat = new Conversation(fileBot());
    await chat.start();
    await chat.say('hello');
    const outcome = await chat.sendFile(png);
    expect(texts(outcome)).toEqual(['got cat.png after hello']);
    expect(outcome.transitions[0]).toEqual({ source: 's0', dest: 'image', event: 'file_received', info: 'IMAGE/*' });
    expect(outcome.prediction).toBeUndefined();
    expect(outcome.snapshot.predictedIntent?.intent).toBe('hello');
    expect(outcome.snapshot.file).toEqual(png);
    expect(outcome.history[0]).toEqual({
      sender: 1,
      type: 'file',
      text: 'cat.png',
      content: { name: 'cat.png', type: 'image/png' },
    });
    expect(chat.predictor.calls).toHaveLength(1);
    expect(texts(await chat.sendFile(pdf))).toEqual(['doc application/pdf; charset=binary']);
  });

  it('runs the fallback body when no transition takes the file', async () => {
    const chat = new Conversation(fileBot());
    await chat.start();
    const outcome = await chat.sendFile({ name: 'song.mp3', type: 'audio/mpeg', base64: 'SUQz' });
    expect(texts(outcome)).toEqual(['fallback for song.mp3']);
    expect(outcome.snapshot.state).toBe('s0');
  });

  it('accepts any file without types, and never fires a file transition on a message', async () => {
    const bot = new Bot('b');
    const [s0, got] = [bot.newState('s0', { initial: true }), bot.newState('got')];
    s0.whenFileReceived().goTo(got);
    const chat = new Conversation(bot);
    await chat.start();
    expect((await chat.say('a file, I promise')).snapshot.state).toBe('s0');
    const outcome = await chat.sendFile({ name: 'x.bin', type: 'application/octet-stream', base64: 'AA==' });
    expect(outcome.snapshot.state).toBe('got');
    expect(outcome.transitions[0]?.info).toBe('*');
  });
});

describe('an event', () => {
  function eventBot(predicate?: (params: JsonObject) => boolean | Promise<boolean>) {
    const bot = new Bot('events');
    const [s0, paid] = [bot.newState('s0', { initial: true }), bot.newState('paid')];
    const seen: Array<[string, JsonObject]> = [];
    s0.whenEvent('payment', async (session, params) => {
      seen.push([session.id, params]);
      return predicate === undefined ? true : predicate(params);
    }).goTo(paid);
    s0.whenEvent('other').goTo(s0);
    paid.setBody((session) => session.reply(`paid ${JSON.stringify(session.event?.params)}`));
    return { bot, seen };
  }

  it('fires whenEvent with a predicate that receives (session, eventParams)', async () => {
    const { bot, seen } = eventBot((params) => (params.amount as number) > 10);
    const chat = new Conversation(bot);
    await chat.start();
    const small = await chat.sendEvent('payment', { amount: 5 });
    expect(small.snapshot.state).toBe('s0');
    expect(small.replies).toEqual([]);
    const big = await chat.sendEvent('payment', { amount: 50 });
    expect(big.snapshot.state).toBe('paid');
    expect(texts(big)).toEqual(['paid {"amount":50}']);
    expect(big.transitions[0]).toEqual({ source: 's0', dest: 'paid', event: 'event', info: 'payment' });
    expect(big.history[0]).toEqual({
      sender: 1,
      type: 'event',
      text: 'event:payment',
      content: { name: 'payment', params: { amount: 50 } },
    });
    expect(seen).toEqual([
      ['u1', { amount: 5 }],
      ['u1', { amount: 50 }],
    ]);
  });

  it('ignores an event nobody waits for (no fallback body); a message never fires an event transition', async () => {
    const { bot, seen } = eventBot();
    const chat = new Conversation(bot);
    await chat.start();
    const unknown = await chat.sendEvent('unknown');
    expect(unknown.replies).toEqual([]);
    expect(unknown.snapshot.state).toBe('s0');
    await chat.say('payment');
    expect(seen).toEqual([]);
  });

  it('reports a throwing predicate and does not move', async () => {
    const { bot } = eventBot(() => {
      throw new Error('no ledger');
    });
    const chat = new Conversation(bot);
    await chat.start();
    const outcome = await chat.sendEvent('payment', { amount: 1 });
    expect(outcome.snapshot.state).toBe('s0');
    expect(outcome.errors).toEqual([
      { code: 'BOT_ERROR', message: 'transition event (payment): [s0] --> [paid] failed, counted as not firing: no ledger', state: 's0' },
    ]);
  });
});
