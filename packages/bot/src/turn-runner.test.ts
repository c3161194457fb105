import { ParleyError, type IntentClassifierPrediction } from '@parley/domain';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Bot } from './bot';
import { Conversation, texts } from '@parley/testkit/bot/conversation';
import type { Session } from './session';
import type { SessionSnapshot, TurnContext } from './turn';
import { MAX_MOVES_PER_TURN, STATE_MISSING_EVENT } from './turn-runner';

/** greetings-like bot: s0 --hello--> s1 (greets) --good--> good (auto back to s0). */
function greetingsBot() {
  const bot = new Bot('greetings');
  const hello = bot.newIntent('hello', ['hello', 'hi']);
  const good = bot.newIntent('good', ['good', 'fine']);
  const s0 = bot.newState('s0', { initial: true });
  const s1 = bot.newState('s1');
  const goodState = bot.newState('good_state');
  s1.setBody((session) => session.reply('How are you?'));
  goodState.setBody((session) => session.reply('Glad to hear it'));
  s0.whenIntentMatched(hello).goTo(s1);
  s1.whenIntentMatched(good).goTo(goodState);
  goodState.goTo(s0);
  return { bot, hello, good, s0, s1, goodState };
}

describe('a message', () => {
  it('predicts with the current state as scope and takes the matching intent transition', async () => {
    const { bot } = greetingsBot();
    const chat = new Conversation(bot);
    await chat.start();
    const outcome = await chat.say('hi');
    expect(chat.predictor.calls).toEqual([{ text: 'hi', scope: 's0' }]);
    expect(outcome.prediction?.intent).toBe('hello');
    expect(texts(outcome)).toEqual(['How are you?']);
    expect(outcome.snapshot.state).toBe('s1');
    expect(outcome.transitions).toEqual([{ source: 's0', dest: 's1', event: 'intent_matched', info: 'hello' }]);
    expect(outcome.history.map((row) => [row.sender, row.text])).toEqual([
      [1, 'hi'],
      [0, 'How are you?'],
    ]);
  });

  it('chains automatic transitions after the body', async () => {
    const { bot } = greetingsBot();
    const chat = new Conversation(bot);
    await chat.start();
    await chat.say('hello');
    const outcome = await chat.say('fine');
    expect(texts(outcome)).toEqual(['Glad to hear it']);
    expect(outcome.transitions.map((t) => `${t.source}->${t.dest}:${t.event}`)).toEqual([
      's1->good_state:intent_matched',
      'good_state->s0:auto',
    ]);
    expect(outcome.snapshot.state).toBe('s0');
  });

  it('runs the default fallback body when no intent matched, staying in the state', async () => {
    const { bot } = greetingsBot();
    const chat = new Conversation(bot);
    await chat.start();
    const outcome = await chat.say('what?');
    expect(outcome.prediction?.intent).toBe('fallback_intent');
    expect(outcome.replies).toEqual([{ type: 'str', content: "Sorry, I didn't get it" }]);
    expect(outcome.snapshot.state).toBe('s0');
    expect(outcome.transitions).toEqual([]);
  });

  it("runs the state's own fallback body, else the global one, and the own one wins whatever the order", async () => {
    const bot = new Bot('b');
    const hello = bot.newIntent('hello', ['hello']);
    const s0 = bot.newState('s0', { initial: true });
    const s1 = bot.newState('s1');
    s0.setFallbackBody((session) => session.reply(`own fallback for ${session.message}`));
    bot.setGlobalFallbackBody((session) => session.reply('global fallback'));
    s0.whenIntentMatched(hello).goTo(s1);
    s1.whenIntentMatched(hello).goTo(s0);
    const chat = new Conversation(bot);
    await chat.start();
    expect(texts(await chat.say('nope'))).toEqual(['own fallback for nope']);
    await chat.say('hello');
    expect(texts(await chat.say('nope'))).toEqual(['global fallback']);
  });

  it('turns "no intent" into a transition with whenNoIntentMatched instead of the fallback body', async () => {
    const bot = new Bot('b');
    const hello = bot.newIntent('hello', ['hello']);
    const s0 = bot.newState('s0', { initial: true });
    const rag = bot.newState('rag');
    s0.whenIntentMatched(hello).goTo(s0);
    s0.whenNoIntentMatched().goTo(rag);
    rag.setBody((session) => session.reply(`searching ${session.message}`));
    rag.goTo(s0);
    const chat = new Conversation(bot);
    await chat.start();
    const outcome = await chat.say('anything at all');
    expect(texts(outcome)).toEqual(['searching anything at all']);
    expect(outcome.transitions[0]).toEqual({
      source: 's0',
      dest: 'rag',
      event: 'no_intent_matched',
      info: 'fallback_intent',
    });
  });

  it('does not ask the NLU in a state without intent transitions: local fallback (NO_INTENTS)', async () => {
    const bot = new Bot('b');
    const s0 = bot.newState('s0', { initial: true });
    const echo = bot.newState('echo');
    s0.whenNoIntentMatched().goTo(echo);
    echo.setBody((session) => session.reply(`${session.predictedIntent?.fallbackReason}: ${session.message}`));
    echo.goTo(s0);
    const chat = new Conversation(bot);
    await chat.start();
    const outcome = await chat.say('hello there');
    expect(chat.predictor.calls).toEqual([]);
    expect(outcome.prediction).toMatchObject({
      intent: 'fallback_intent',
      score: 1,
      scope: 's0',
      fallbackReason: 'NO_INTENTS',
    });
    expect(texts(outcome)).toEqual(['NO_INTENTS: hello there']);
  });

  it('evaluates transitions in definition order: a true variable transition first wins over the intent', async () => {
    const bot = new Bot('b');
    const hello = bot.newIntent('hello', ['hello']);
    const [s0, vip, normal] = [bot.newState('s0', { initial: true }), bot.newState('vip'), bot.newState('normal')];
    s0.whenVariableMatchesOperation('vip', '==', true).goTo(vip);
    s0.whenIntentMatched(hello).goTo(normal);
    const chat = new Conversation(bot);
    await chat.start();
    expect((await chat.say('hello')).snapshot.state).toBe('normal');
    chat.snapshot = { ...(chat.snapshot as SessionSnapshot), state: 's0', variables: { vip: true } };
    const outcome = await chat.say('hello');
    expect(outcome.snapshot.state).toBe('vip');
    expect(outcome.transitions[0]).toMatchObject({ event: 'variable_matches_operation', info: 'vip == true' });
  });

  it('matches an intent once: the state it leads to waits for the next message', async () => {
    const bot = new Bot('b');
    const hello = bot.newIntent('hello', ['hello']);
    const [a, b, c] = [bot.newState('a', { initial: true }), bot.newState('b'), bot.newState('c')];
    a.whenIntentMatched(hello).goTo(b);
    b.whenIntentMatched(hello).goTo(c);
    const chat = new Conversation(bot);
    await chat.start();
    expect((await chat.say('hello')).snapshot.state).toBe('b');
    expect((await chat.say('hello')).snapshot.state).toBe('c');
  });

  it('runs no fallback body when a real intent was predicted but no transition takes it (BBF)', async () => {
    const { bot } = greetingsBot();
    const outOfScope: IntentClassifierPrediction = {
      intent: 'good',
      score: 0.9,
      matchedSentence: 'good',
      matchedParameters: [],
      ranking: [{ intent: 'good', score: 0.9 }],
      scope: 's0',
      modelVersion: 'v1',
      fallbackReason: 'NONE',
    };
    const context: TurnContext = { predictor: { predict: async () => outOfScope }, chatHistory: [] };
    const snapshot = { id: 'u1', state: 's0', variables: {} };
    const outcome = await bot.runTurn(snapshot, { kind: 'message', text: 'good' }, context);
    expect(outcome.replies).toEqual([]);
    expect(outcome.snapshot.state).toBe('s0');
    expect(outcome.snapshot.predictedIntent).toBe(outOfScope);
  });

  it('fails the whole turn when the NLU fails, the snapshot untouched', async () => {
    const { bot } = greetingsBot();
    const snapshot: SessionSnapshot = { id: 'u1', state: 's0', variables: { a: 1 } };
    const context: TurnContext = {
      predictor: { predict: async () => Promise.reject(new ParleyError('NLU_UNAVAILABLE', 'NLU down')) },
      chatHistory: [],
    };
    await expect(bot.runTurn(snapshot, { kind: 'message', text: 'hi' }, context)).rejects.toMatchObject({
      code: 'NLU_UNAVAILABLE',
    });
    expect(snapshot).toEqual({ id: 'u1', state: 's0', variables: { a: 1 } });
  });
});

describe('after a body', () => {
  it('takes true variable transitions defined before the first intent transition, not those after it', async () => {
    const bot = new Bot('b');
    const hello = bot.newIntent('hello', ['hello']);
    const [s0, early, late] = [bot.newState('s0', { initial: true }), bot.newState('early'), bot.newState('late')];
    s0.setBody((session) => session.set('n', session.get('n') === undefined ? 1 : 5));
    s0.whenVariableMatchesOperation('n', '>', 3).goTo(early);
    s0.whenIntentMatched(hello).goTo(s0);
    s0.whenVariableMatchesOperation('n', '>=', 1).goTo(late);
    const chat = new Conversation(bot);
    const started = await chat.start();
    // n = 1: the early transition is false and the late one is behind the intent transition, so s0 waits.
    expect(started.snapshot.state).toBe('s0');
    // On a message every transition is checked: hello re-enters s0 (n = 5), whose body makes the early one true.
    const outcome = await chat.say('hello');
    expect(outcome.transitions.map((t) => t.dest)).toEqual(['s0', 'early']);
    // A message that matches no intent still checks the late variable transition.
    chat.snapshot = { id: 'u1', state: 's0', variables: { n: 1 } };
    expect((await chat.say('whatever')).snapshot.state).toBe('late');
  });

  it('waits in a state without transitions (terminal) instead of crashing', async () => {
    const bot = new Bot('b');
    const end = bot.newState('end', { initial: true });
    end.setBody((session) => session.reply('the end'));
    const chat = new Conversation(bot);
    expect(texts(await chat.start())).toEqual(['the end']);
    const outcome = await chat.say('hello?');
    expect(outcome.snapshot.state).toBe('end');
    expect(texts(outcome)).toEqual(["Sorry, I didn't get it"]);
  });

  it('awaits async bodies in order', async () => {
    const bot = new Bot('b');
    const [a, b, c] = [bot.newState('a', { initial: true }), bot.newState('b'), bot.newState('c')];
    a.setBody(async (session) => {
      await sleep(20);
      session.reply('a');
    });
    b.setBody(async (session) => {
      session.reply('b1');
      await sleep(1);
      session.reply('b2');
    });
    c.setBody((session) => session.reply('c'));
    a.goTo(b);
    b.goTo(c);
    expect(texts(await new Conversation(bot).start())).toEqual(['a', 'b1', 'b2', 'c']);
  });

  it('catches a throwing body, reports it and carries on with the transitions', async () => {
    const bot = new Bot('b');
    const [a, b] = [bot.newState('a', { initial: true }), bot.newState('b')];
    a.setBody(async (session) => {
      session.reply('partial');
      throw new TypeError('boom');
    });
    b.setBody((session) => session.reply('b'));
    a.goTo(b);
    const outcome = await new Conversation(bot).start();
    expect(texts(outcome)).toEqual(['partial', 'b']);
    expect(outcome.errors).toEqual([{ code: 'BOT_ERROR', message: "body of state 'a' failed: TypeError: boom", state: 'a' }]);
    expect(outcome.snapshot.state).toBe('b');
  });

  it('stops an endless automatic loop with a clear error, leaving nothing changed', async () => {
    const bot = new Bot('loop');
    const [a, b] = [bot.newState('a', { initial: true }), bot.newState('b')];
    let bodies = 0;
    a.setBody((session) => {
      bodies += 1;
      session.set('go', true);
    });
    a.whenVariableMatchesOperation('go', '==', true).goTo(b);
    b.whenVariableMatchesOperation('go', '==', true).goTo(a);
    const context: TurnContext = { predictor: new Conversation(bot).predictor, chatHistory: [] };
    const error = await bot.startSession('u1', context).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).message).toMatch(/moved more than 50 times in one turn .*a → b/);
    expect(bodies).toBe(MAX_MOVES_PER_TURN / 2 + 1);
  });
});

describe('sessions', () => {
  it('runs the initial body on start and reset; reset forgets the variables', async () => {
    const bot = new Bot('b');
    const s0 = bot.newState('s0', { initial: true });
    s0.setBody((session) => {
      session.reply(`welcome, visit ${String(session.get('visits') ?? 0)}`);
      session.set('visits', 1);
    });
    const chat = new Conversation(bot);
    expect(texts(await chat.start())).toEqual(['welcome, visit 0']);
    const reset = await chat.reset();
    expect(texts(reset)).toEqual(['welcome, visit 0']);
    expect(reset.snapshot).toEqual({ id: 'u1', state: 's0', variables: { visits: 1 } });
    expect(reset.history).toEqual([{ sender: 0, type: 'str', text: 'welcome, visit 0', content: 'welcome, visit 0' }]);
  });

  it('never mutates the input snapshot or context', async () => {
    const bot = new Bot('b');
    const count = bot.newIntent('count', ['count']);
    const s0 = bot.newState('s0', { initial: true });
    const counted = bot.newState('counted');
    s0.whenIntentMatched(count).goTo(counted);
    counted.setBody((session) => {
      const list = session.get('list') as number[];
      list.push(list.length);
      session.set('list', list);
      session.delete('gone');
      session.reply('counted');
    });
    counted.goTo(s0);
    const prediction = await new Conversation(bot).predictor.predict('count', 's0');
    const variables = { list: [0], gone: true, kept: { deep: [1] } };
    const snapshot = deepFreeze({ id: 'u1', state: 's0', variables, predictedIntent: prediction });
    const context: TurnContext = { predictor: new Conversation(bot).predictor, chatHistory: deepFreeze([['hi', 1]]) };
    const before = structuredClone(snapshot);
    const outcome = await bot.runTurn(snapshot, { kind: 'message', text: 'count' }, context);
    expect(outcome.snapshot.variables).toEqual({ list: [0, 1], kept: { deep: [1] } });
    expect(outcome.snapshot.variables.kept).not.toBe(variables.kept);
    expect(snapshot).toEqual(before);
    expect(context.chatHistory).toEqual([['hi', 1]]);
  });

  it('keeps the last prediction, message and file across turns: a file turn keeps the prediction, later bodies read the file', async () => {
    const bot = new Bot('keeper');
    const hello = bot.newIntent('hello', ['hello', 'hi']);
    const s0 = bot.newState('s0', { initial: true });
    const echo = bot.newState('echo');
    const report = (label: string) => (session: Session) => {
      session.reply(`${label}: ${session.predictedIntent?.intent ?? '-'} / ${session.message ?? '-'} / ${session.file?.name ?? '-'}`);
      // Copies, as variables are: changing them here changes nothing kept.
      const file = session.file;
      if (file) file.name = 'changed';
      const prediction = session.predictedIntent;
      if (prediction) prediction.intent = 'changed';
    };
    s0.whenIntentMatched(hello).goTo(echo);
    s0.whenFileReceived().goTo(echo);
    echo.setBody(report('echo'));
    echo.goTo(s0);
    const chat = new Conversation(bot);
    await chat.start();
    expect(texts(await chat.say('hello'))).toEqual(['echo: hello / hello / -']);
    const png = { name: 'cat.png', type: 'image/png', base64: 'iVBORw0KGgo=' };
    const fileTurn = await chat.sendFile(png);
    expect(texts(fileTurn)).toEqual(['echo: hello / cat.png / cat.png']);
    expect(fileTurn.prediction).toBeUndefined();
    expect(fileTurn.snapshot).toMatchObject({ predictedIntent: { intent: 'hello' }, message: 'cat.png', file: png });
    expect(texts(await chat.say('hi'))).toEqual(['echo: hello / hi / cat.png']);
  });

  it('moves a session whose state is gone to the initial state, recorded as a transition, and answers its message there', async () => {
    const { bot } = greetingsBot();
    const chat = new Conversation(bot);
    const outcome = await bot.runTurn(
      { id: 'u1', state: 'gone', variables: { kept: { shape: 'old' } } },
      { kind: 'message', text: 'hi' },
      { predictor: chat.predictor, chatHistory: [] },
    );
    expect(outcome.transitions[0]).toEqual({
      source: 'gone',
      dest: 's0',
      event: STATE_MISSING_EVENT,
      info: "bot 'greetings' has no state 'gone' any more",
    });
    expect(outcome.transitions[1]).toEqual({ source: 's0', dest: 's1', event: 'intent_matched', info: 'hello' });
    expect(outcome.replies).toEqual([{ type: 'str', content: 'How are you?' }]);
    expect(outcome.snapshot.variables).toEqual({ kept: { shape: 'old' } });
    expect(outcome.errors).toEqual([]);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) if (typeof item === 'object') deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
