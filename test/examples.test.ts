/**
 * The example bots over the real stack in-process (NLU server, NluClient, SessionTurns, REST routes): each holds
 * the conversation BBF's example holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageBot, greetingsBot, weatherBot } from '@parley/examples';
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
