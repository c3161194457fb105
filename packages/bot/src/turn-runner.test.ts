import { ParleyError, type IntentClassifierPrediction, type JsonObject } from '@parley/domain';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Bot } from './bot';
import { Conversation, texts } from './testing/conversation';
import type { SessionSnapshot, TurnContext } from './turn';
import { MAX_MOVES_PER_TURN } from './turn-runner';

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

  it('runs the default fallback body ("Sorry, I didn\'t get it") when no intent matched, staying in the state', async () => {
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
    expect(outcome.transitions[0]).toEqual({ source: 's0', dest: 'rag', event: 'no_intent_matched', info: 'fallback_intent' });
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
    expect(outcome.prediction).toMatchObject({ intent: 'fallback_intent', score: 1, scope: 's0', fallbackReason: 'NO_INTENTS' });
    expect(texts(outcome)).toEqual(['NO_INTENTS: hello there']);
  });

  it('evaluates transitions in definition order: a true variable transition defined first wins over the intent', async () => {
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
    const outcome = await bot.runTurn({ id: 'u1', state: 's0', variables: {} }, { kind: 'message', text: 'good' }, context);
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
    expect(outcome.errors).toEqual(["body of state 'a' failed: TypeError: boom"]);
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
    s0.whenVariableMatchesOperation('n', function broken() {
      throw new Error('bad operation');
    }, 0).goTo(never);
    s0.whenVariableMatchesOperation('n', async (value, target) => typeof value === 'number' && value % 2 === target, 0).goTo(even);
    const outcome = await new Conversation(bot).start();
    expect(outcome.snapshot.state).toBe('even');
    expect(outcome.errors).toEqual([
      'transition variable_matches_operation (n broken 0): [s0] --> [never] failed, counted as not firing: bad operation',
    ]);
  });
});

describe('a file', () => {
  const png = { name: 'cat.png', type: 'image/png', base64: 'iVBORw0KGgo=' };
  const pdf = { name: 'cv.pdf', type: 'application/pdf; charset=binary', base64: 'JVBERi0=' };

  function fileBot() {
    const bot = new Bot('files');
    const hello = bot.newIntent('hello', ['hello']);
    const [s0, image, doc, greeted] = ['s0', 'image', 'doc', 'greeted'].map((name, index) =>
      bot.newState(name, { initial: index === 0 }),
    ) as [ReturnType<Bot['newState']>, ReturnType<Bot['newState']>, ReturnType<Bot['newState']>, ReturnType<Bot['newState']>];
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
    expect(outcome.history[0]).toEqual({ sender: 1, type: 'file', text: 'cat.png', content: { name: 'cat.png', type: 'image/png' } });
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
    expect(big.history[0]).toEqual({ sender: 1, type: 'event', text: 'event:payment', content: { name: 'payment', params: { amount: 50 } } });
    expect(seen).toEqual([
      ['u1', { amount: 5 }],
      ['u1', { amount: 50 }],
    ]);
  });

  it('ignores an event nobody waits for (no fallback body) and never fires an event transition on a message', async () => {
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
    expect(outcome.errors).toEqual(['transition event (payment): [s0] --> [paid] failed, counted as not firing: no ledger']);
  });
});

describe('global states', () => {
  function helpBot() {
    const bot = new Bot('help');
    const hello = bot.newIntent('hello', ['hello']);
    const help = bot.newIntent('help', ['help']);
    const s0 = bot.newState('s0', { initial: true });
    const s1 = bot.newState('s1');
    const helpState = bot.newState('help_state');
    const helpMore = bot.newState('help_more');
    s0.whenIntentMatched(hello).goTo(s1);
    s1.setBody((session) => session.reply('in s1'));
    helpState.setGlobal(help);
    helpState.setBody((session) => session.reply(`help (from ${String(session.get('prev_state'))})`));
    helpState.goTo(helpMore);
    helpMore.setBody((session) => session.reply('more help'));
    return bot;
  }

  it('jumps in from any waiting state and returns to it after the component (BBF runs its body again)', async () => {
    const chat = new Conversation(helpBot());
    await chat.start();
    await chat.say('hello');
    const outcome = await chat.say('help');
    expect(chat.predictor.calls.map((call) => call.scope)).toEqual(['s0', 's1']);
    expect(texts(outcome)).toEqual(['help (from s1)', 'more help', 'in s1']);
    expect(outcome.transitions.map((t) => `${t.source}->${t.dest}:${t.event}:${t.info}`)).toEqual([
      's1->help_state:intent_matched:help',
      'help_state->help_more:auto:',
      'help_more->s1:variable_matches_operation:prev_state == "s1"',
    ]);
    expect(outcome.snapshot).toMatchObject({ state: 's1', variables: { prev_state: 's1' } });
  });

  it('evaluates the global intent after the state own transitions', async () => {
    const bot = new Bot('b');
    const help = bot.newIntent('help', ['help']);
    const s0 = bot.newState('s0', { initial: true });
    const own = bot.newState('own');
    const helpState = bot.newState('help_state');
    s0.whenVariableMatchesOperation('x', '==', 1).goTo(own);
    helpState.setGlobal(help);
    const chat = new Conversation(bot);
    await chat.start();
    chat.snapshot = { id: 'u1', state: 's0', variables: { x: 1 } };
    expect((await chat.say('help')).snapshot.state).toBe('own');
  });

  it('returns from every end of a branching component', async () => {
    const bot = new Bot('b');
    const help = bot.newIntent('help', ['help']);
    const s0 = bot.newState('s0', { initial: true });
    const helpState = bot.newState('help_state');
    const [left, right] = [bot.newState('left'), bot.newState('right')];
    helpState.setGlobal(help);
    helpState.setBody((session) => session.set('side', session.get('side') === 'left' ? 'right' : 'left'));
    helpState.whenVariableMatchesOperation('side', '==', 'left').goTo(left);
    helpState.whenVariableMatchesOperation('side', '==', 'right').goTo(right);
    const chat = new Conversation(bot);
    await chat.start();
    expect((await chat.say('help')).transitions.map((t) => t.dest)).toEqual(['help_state', 'left', 's0']);
    expect((await chat.say('help')).transitions.map((t) => t.dest)).toEqual(['help_state', 'right', 's0']);
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
    const prediction = (await new Conversation(bot).predictor.predict('count', 's0')) as IntentClassifierPrediction;
    const variables = { list: [0], gone: true, kept: { deep: [1] } };
    const snapshot = deepFreeze({ id: 'u1', state: 's0', variables, predictedIntent: prediction });
    const context: TurnContext = { predictor: new Conversation(bot).predictor, chatHistory: deepFreeze([['hi', 1]]) };
    const before = structuredClone(snapshot);
    const outcome = await bot.runTurn(snapshot as SessionSnapshot, { kind: 'message', text: 'count' }, context);
    expect(outcome.snapshot.variables).toEqual({ list: [0, 1], kept: { deep: [1] } });
    expect(outcome.snapshot.variables.kept).not.toBe(variables.kept);
    expect(snapshot).toEqual(before);
    expect(context.chatHistory).toEqual([['hi', 1]]);
  });

  it('refuses a snapshot in a state the bot does not have', async () => {
    const { bot } = greetingsBot();
    const chat = new Conversation(bot);
    await expect(
      bot.runTurn({ id: 'u1', state: 'gone', variables: {} }, { kind: 'message', text: 'hi' }, { predictor: chat.predictor, chatHistory: [] }),
    ).rejects.toThrow(/has no state 'gone'/);
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) if (typeof item === 'object') deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
