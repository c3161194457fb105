import { describe, expect, it } from 'vitest';
import { Bot } from './bot';
import { Conversation, texts } from '@parley/testkit/bot/conversation';

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

  it('returns from every end of a branching component, also to a terminal state', async () => {
    const bot = new Bot('b');
    const help = bot.newIntent('help', ['help']);
    bot.newState('s0', { initial: true }); // no transitions of its own: a terminal wait
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
