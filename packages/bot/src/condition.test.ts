/**
 * BBF's custom events as whenCondition: checked after a body (before the first intent transition only), and on
 * every message, file and event, over a read-only view of the session, with the transition's params.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@parley/domain';
import { Conversation, texts } from '@parley/testkit/bot/conversation';
import { Bot } from './bot';
import type { ReadonlySession } from './readonly-session';

function atMost(session: ReadonlySession, params: JsonObject): boolean {
  const value = session.get('level');
  return typeof value === 'number' && value <= (params.max as number);
}

function levelBot(order: 'condition first' | 'intent first') {
  const bot = new Bot('level_bot');
  const set = bot.newIntent('set_intent', ['set the level', 'level up']);
  const s0 = bot.newState('s0', { initial: true });
  const measure = bot.newState('measure');
  const low = bot.newState('low');
  s0.whenIntentMatched(set).goTo(measure);
  measure.setBody((session) => {
    const level = Number(/\d+/.exec(session.message ?? '')?.[0] ?? 99);
    session.set('level', level);
    session.reply(`level ${level}`);
  });
  if (order === 'condition first') measure.whenCondition(atMost, { max: 25 }).goTo(low);
  measure.whenIntentMatched(set).goTo(measure);
  if (order === 'intent first') measure.whenCondition(atMost, { max: 25 }).goTo(low);
  low.setBody((session) => session.reply('low'));
  low.whenIntentMatched(set).goTo(measure);
  return bot;
}

describe('whenCondition (BBF custom event)', () => {
  it('fires right after the body when it comes before the first intent transition, logged with its name and params', async () => {
    const chat = new Conversation(levelBot('condition first'));
    await chat.start();
    const outcome = await chat.say('set the level');
    expect(chat.state).toBe('measure'); // 99 > 25: waits
    expect(texts(outcome)).toEqual(['level 99']);
    // "set the level" is an exact training sentence; the level is read from the message ("level up" has none).
    chat.snapshot = { ...chat.snapshot!, variables: { level: 20 } };
    const next = await chat.say('level up');
    // On the message the condition is checked first, with the stored level 20: it fires before the intent does.
    expect(next.transitions).toEqual([{ source: 'measure', dest: 'low', event: 'condition', info: 'atMost {"max":25}' }]);
    expect(texts(next)).toEqual(['low']);
  });

  it('is not checked after the body when it comes after an intent transition, but is on the next message', async () => {
    const chat = new Conversation(levelBot('intent first'));
    await chat.start();
    chat.snapshot = { ...chat.snapshot!, variables: {} };
    const outcome = await chat.say('set the level');
    expect(texts(outcome)).toEqual(['level 99']);
    chat.snapshot = { ...chat.snapshot!, variables: { level: 3 } };
    // A message no intent of the state matches: the intent transition does not fire, the condition does.
    const next = await chat.say('something else');
    expect(next.snapshot.state).toBe('low');
    expect(texts(next)).toEqual(['low']);
  });

  it('sees the message, prediction and file of the turn being handled, and cannot write the session', async () => {
    const seen: unknown[] = [];
    const bot = new Bot('view_bot');
    const hello = bot.newIntent('hello_intent', ['hello']);
    const s0 = bot.newState('s0', { initial: true });
    const done = bot.newState('done');
    s0.whenCondition((session) => {
      seen.push([session.message, session.predictedIntent?.intent, session.file?.name, session.currentState]);
      const writable = session as unknown as { set?: unknown; reply?: unknown };
      seen.push([typeof writable.set, typeof writable.reply]);
      return session.file !== undefined;
    }).goTo(done);
    s0.whenIntentMatched(hello).goTo(s0);
    const chat = new Conversation(bot);
    await chat.start();
    await chat.say('hello');
    expect(chat.state).toBe('s0');
    await chat.sendFile({ name: 'a.txt', type: 'text/plain', base64: 'YQ==' });
    expect(chat.state).toBe('done');
    expect(seen).toContainEqual(['hello', 'hello_intent', undefined, 's0']);
    expect(seen).toContainEqual(['a.txt', 'hello_intent', 'a.txt', 's0']);
    expect(seen).toContainEqual(['undefined', 'undefined']);
  });

  it('counts a throwing condition as false and reports it with its state', async () => {
    const bot = new Bot('broken_bot');
    const s0 = bot.newState('s0', { initial: true });
    const never = bot.newState('never');
    s0.whenCondition(function broken() {
      throw new Error('no sensor');
    }).goTo(never);
    const outcome = await new Conversation(bot).start();
    expect(outcome.snapshot.state).toBe('s0');
    expect(outcome.errors).toEqual([
      {
        code: 'BOT_ERROR',
        message: 'transition condition (broken): [s0] --> [never] failed, counted as not firing: no sensor',
        state: 's0',
      },
    ]);
  });

  it('refuses a condition that is not a function, or params that are not a JSON object, where it is written', () => {
    const bot = new Bot('bad_bot');
    const s0 = bot.newState('s0', { initial: true });
    expect(() => s0.whenCondition('x' as never)).toThrow(/condition of a transition of state 's0' must be a function/);
    expect(() => s0.whenCondition(atMost, [] as never)).toThrow(/params of condition 'atMost' must be a JSON object/);
    expect(() => s0.whenCondition(atMost, { when: new Date() } as never)).toThrow(/must be a JSON object/);
  });
});
