/** BBF's greetings and weather bots (§8), written with this DSL and run end to end, turn by turn. */
import { getParameter } from '@parley/domain';
import { describe, expect, it } from 'vitest';
import { Bot } from './bot';
import { Conversation, texts } from '@parley/testkit/bot/conversation';

function greetingsBot(): Bot {
  const bot = new Bot('greetings_bot');
  const hello = bot.newIntent('hello_intent', ['hello', 'hi']);
  const good = bot.newIntent('good_intent', ['good', 'fine']);
  const bad = bot.newIntent('bad_intent', ['bad', 'awful']);
  const initial = bot.newState('initial_state', { initial: true });
  const helloState = bot.newState('hello_state');
  const goodState = bot.newState('good_state');
  const badState = bot.newState('bad_state');
  initial.whenIntentMatched(hello).goTo(helloState);
  helloState.setBody((session) => session.reply('Hi! How are you?'));
  helloState.whenIntentMatched(good).goTo(goodState);
  helloState.whenIntentMatched(bad).goTo(badState);
  goodState.setBody((session) => session.reply('I am glad to hear that!'));
  goodState.goTo(initial);
  badState.setBody((session) => session.reply('I am sorry to hear that...'));
  badState.goTo(initial);
  return bot;
}

function weatherBot(): Bot {
  const bot = new Bot('weather_bot');
  const city = bot.newEntity('city_entity', { Barcelona: ['BCN', 'barna'], Madrid: [], Luxembourg: ['LUX'] });
  const weather = bot.newIntent('weather_intent', ['what is the weather in CITY?', 'weather in CITY']).parameter('city1', 'CITY', city);
  const s0 = bot.newState('s0', { initial: true });
  const weatherState = bot.newState('weather_state');
  s0.setBody((session) => session.reply('Waiting...'));
  s0.whenIntentMatched(weather).goTo(weatherState);
  weatherState.setBody((session) => {
    const value = session.predictedIntent === undefined ? null : getParameter(session.predictedIntent, 'city1')?.value;
    if (value === null || value === undefined) {
      session.reply("Sorry, I didn't get the city");
      return;
    }
    const temperature = Math.floor(Math.random() * 31);
    session.reply(`The weather in ${String(value)} is ${temperature}°C ${temperature < 15 ? '🥶' : '🥵'}`);
  });
  weatherState.goTo(s0);
  return bot;
}

describe('greetings bot', () => {
  it('trains one scope per state with intents', () => {
    expect(greetingsBot().definition().scopes).toEqual([
      { name: 'initial_state', intents: ['hello_intent'] },
      { name: 'hello_state', intents: ['good_intent', 'bad_intent'] },
    ]);
  });

  it('converses as BBF does', async () => {
    const chat = new Conversation(greetingsBot());
    expect(texts(await chat.start())).toEqual([]);
    expect(texts(await chat.say('good'))).toEqual(["Sorry, I didn't get it"]);
    expect(texts(await chat.say('Hello'))).toEqual(['Hi! How are you?']);
    expect(chat.state).toBe('hello_state');
    expect(texts(await chat.say('hello'))).toEqual(["Sorry, I didn't get it"]);
    expect(texts(await chat.say('awful'))).toEqual(['I am sorry to hear that...']);
    expect(chat.state).toBe('initial_state');
    expect(texts(await chat.say('hi'))).toEqual(['Hi! How are you?']);
    expect(texts(await chat.say('fine'))).toEqual(['I am glad to hear that!']);
    expect(chat.state).toBe('initial_state');
    expect(chat.chatHistory).toEqual([
      ['good', 1],
      ["Sorry, I didn't get it", 0],
      ['Hello', 1],
      ['Hi! How are you?', 0],
      ['hello', 1],
      ["Sorry, I didn't get it", 0],
      ['awful', 1],
      ['I am sorry to hear that...', 0],
      ['hi', 1],
      ['Hi! How are you?', 0],
      ['fine', 1],
      ['I am glad to hear that!', 0],
    ]);
  });
});

describe('weather bot', () => {
  it('reads the city parameter, mapping synonyms to the main value', async () => {
    const chat = new Conversation(weatherBot());
    expect(texts(await chat.start())).toEqual(['Waiting...']);
    const barcelona = await chat.say('weather in BCN');
    expect(barcelona.prediction?.matchedParameters).toEqual([{ name: 'city1', value: 'Barcelona', info: {} }]);
    expect(texts(barcelona)).toHaveLength(2);
    expect(texts(barcelona)[0]).toMatch(/^The weather in Barcelona is ([0-9]|[12][0-9]|30)°C (🥶|🥵)$/u);
    expect(texts(barcelona)[1]).toBe('Waiting...');
    const moves = barcelona.transitions.map((t) => `${t.source}->${t.dest}`);
    expect(moves).toEqual(['s0->weather_state', 'weather_state->s0']);
    expect(texts(await chat.say('What is the weather in Luxembourg?'))[0]).toMatch(/^The weather in Luxembourg is/);
    expect(texts(await chat.say('weather in Paris'))).toEqual(["Sorry, I didn't get the city", 'Waiting...']);
    expect(texts(await chat.say('is it sunny?'))).toEqual(["Sorry, I didn't get it"]);
    expect(chat.state).toBe('s0');
  });
});
