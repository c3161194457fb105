/**
 * The example bots over the real stack in-process (NLU server, NluClient, SessionTurns, REST routes): each holds
 * the conversation BBF's example holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageBot, greetingsBot, weatherBot, weatherEventBot } from '@parley/examples';
import type { DialogueBot } from '../services/dialogue/src/bot/dialogue-bot';
import { startDialogueTestApp, type DialogueTestApp } from '@parley/testkit/services/dialogue-test-app';

function conversation(bot: DialogueBot): {
  say(text: string): Promise<{ state: string; texts: unknown[] }>;
  start(): Promise<{ state: string; texts: unknown[] }>;
} & {
  setup(): Promise<void>;
  teardown(): Promise<void>;
} {
  let harness: DialogueTestApp;
  let id = '';
  const summary = (body: { state: string; replies: Array<{ content: unknown }> }) => ({
    state: body.state,
    texts: body.replies.map((reply) => reply.content),
  });
  return {
    async setup() {
      harness = await startDialogueTestApp(bot);
    },
    async teardown() {
      await harness?.close();
    },
    async start() {
      const body = (await harness.app.inject({ method: 'POST', url: '/v1/sessions' })).json();
      id = body.id;
      return summary(body);
    },
    async say(text: string) {
      const response = await harness.app.inject({ method: 'POST', url: `/v1/sessions/${id}/messages`, payload: { text } });
      expect(response.statusCode).toBe(200);
      return summary(response.json());
    },
  };
}

describe('greetings example', () => {
  const chat = conversation(greetingsBot);
  beforeAll(() => chat.setup());
  afterAll(() => chat.teardown());

  it('greets, asks how you are, answers, and starts over', async () => {
    expect(await chat.start()).toEqual({ state: 'initial_state', texts: [] });
    expect(await chat.say('hello')).toEqual({ state: 'hello_state', texts: ['Hi! How are you?', ['good', 'bad']] });
    expect(await chat.say('fine')).toEqual({ state: 'initial_state', texts: ['I am glad to hear that!'] });
    expect(await chat.say('hi')).toEqual({ state: 'hello_state', texts: ['Hi! How are you?', ['good', 'bad']] });
    expect(await chat.say('awful')).toEqual({ state: 'initial_state', texts: ['I am sorry to hear that...'] });
    expect(await chat.say('quantum zebra')).toEqual({ state: 'initial_state', texts: ["Sorry, I didn't get it"] });
  });
});

describe('weather example', () => {
  const chat = conversation(weatherBot);
  beforeAll(() => chat.setup());
  afterAll(() => chat.teardown());

  it('reads the city from the entity, synonyms included', async () => {
    expect(await chat.start()).toEqual({ state: 's0', texts: ['Waiting...'] });
    for (const [text, city] of [
      ['what is the weather in Barcelona?', 'Barcelona'],
      ['weather in barna', 'Barcelona'],
      ['weather in LUX', 'Luxembourg'],
      ['what is the weather in madrid?', 'Madrid'],
    ] as const) {
      const answer = await chat.say(text);
      expect(answer.state).toBe('s0');
      expect(answer.texts[0]).toMatch(new RegExp(`^The weather in ${city} is \\d+°C (🥶|🥵)$`, 'u'));
      expect(answer.texts[1]).toBe('Waiting...');
    }
  });
});

describe('weather-event example (a BBF custom event ported as whenCondition)', () => {
  const chat = conversation(weatherEventBot);
  beforeAll(() => chat.setup());
  afterAll(() => chat.teardown());

  it('goes back to s0 once the reported temperature is at most 25 °C, checked where BBF checks it', async () => {
    expect(await chat.start()).toEqual({ state: 's0', texts: ['Waiting...'] });
    // After the body: Luxembourg is 12 °C, so the event fires at once and s0's body runs in the same turn.
    expect(await chat.say('what is the weather in LUX?')).toEqual({
      state: 's0',
      texts: ['The weather in Luxembourg is 12°C 🥶', 'Waiting...'],
    });
    // Barcelona is 28 °C: the event is false after the body, and the bot waits in weather_state.
    expect(await chat.say('weather in barna')).toEqual({ state: 'weather_state', texts: ['The weather in Barcelona is 28°C 🥵'] });
    // On the next message the event is checked first (still 28 °C: false), the intent moves, and after the body
    // (12 °C) the event fires.
    expect(await chat.say('what is the weather in Madrid?')).toEqual({
      state: 'weather_state',
      texts: ['The weather in Madrid is 31°C 🥵'],
    });
    expect(await chat.say('weather in Luxembourg')).toEqual({ state: 's0', texts: ['The weather in Luxembourg is 12°C 🥶', 'Waiting...'] });
  });
});

describe('age example', () => {
  const chat = conversation(ageBot);
  beforeAll(() => chat.setup());
  afterAll(() => chat.teardown());

  it('reads a base.number parameter into a variable and branches on it', async () => {
    expect((await chat.start()).state).toBe('wait_state');
    expect(await chat.say('I am 30 years old')).toEqual({ state: 'wait_state', texts: ['You are 30: old enough to vote.'] });
    expect(await chat.say('my age is 12')).toEqual({ state: 'wait_state', texts: ['You are 12: too young to vote.'] });
    expect(await chat.say('I am five years old')).toEqual({ state: 'wait_state', texts: ['You are 5: too young to vote.'] });
  });
});
