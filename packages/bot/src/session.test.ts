import { ParleyError, type JsonValue } from '@parley/domain';
import { describe, expect, it } from 'vitest';
import { Bot } from './bot';
import { Session } from './session';
import { SessionDraft } from './session-draft';
import type { StateBody } from './state';
import { ExactMatchPredictor } from './exact-match-predictor';
import type { TurnContext } from './turn';

function sessionOf(variables: Record<string, JsonValue> = {}): { session: Session; draft: SessionDraft } {
  const draft = new SessionDraft({ id: 'u1', state: 's0', variables }, [['earlier', 1]]);
  return { session: new Session(draft), draft };
}

/** A one-state bot whose initial body is `body`; returns the outcome of starting a session. */
async function start(body: StateBody, chatHistory: Array<[string, 0 | 1]> = []) {
  const bot = new Bot('b');
  bot.newState('s0', { initial: true }).setBody(body);
  const context: TurnContext = { predictor: new ExactMatchPredictor(bot.definition()), chatHistory };
  return bot.startSession('u1', context);
}

describe('Session variables', () => {
  it('sets, gets and deletes JSON values; get is undefined when missing', () => {
    const { session } = sessionOf();
    session.set('age', 30);
    session.set('profile', { name: 'Ana', tags: ['a', null], vip: true });
    expect(session.get('age')).toBe(30);
    expect(session.get('profile')).toEqual({ name: 'Ana', tags: ['a', null], vip: true });
    expect(session.get('missing')).toBeUndefined();
    expect(session.delete('age')).toBe(true);
    expect(session.delete('age')).toBe(false);
    expect(session.get('age')).toBeUndefined();
  });

  it.each([
    ['a function', () => 1],
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a bigint', 1n],
    ['an object holding undefined', { a: undefined }],
  ])('refuses %s with INVALID_VARIABLE naming the key', (_label, value) => {
    const { session } = sessionOf();
    let error: unknown;
    try {
      session.set('bad', value as JsonValue);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe('INVALID_VARIABLE');
    expect((error as ParleyError).field).toBe('bad');
    expect((error as ParleyError).message).toMatch(/'bad' must be a JSON value/);
    expect(session.get('bad')).toBeUndefined();
  });

  it('refuses a cyclic value', () => {
    const { session } = sessionOf();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => session.set('loop', cyclic as JsonValue)).toThrow(/must be a JSON value/);
  });

  it('stores copies, so changing an object after set or get changes nothing until set again', () => {
    const { session } = sessionOf({ list: [1] });
    const list = session.get('list') as number[];
    list.push(2);
    expect(session.get('list')).toEqual([1]);
    const profile = { name: 'Ana' };
    session.set('profile', profile);
    (profile as Record<string, unknown>).name = 'Bob';
    expect(session.get('profile')).toEqual({ name: 'Ana' });
  });
});

describe('Session replies and history', () => {
  it('records every reply type with its plain-text row', async () => {
    const file = { name: 'report.pdf', type: 'application/pdf', base64: 'JVBERi0=' };
    const outcome = await start((session) => {
      session.reply('Hello!');
      session.replyMarkdown('**bold**');
      session.replyOptions(['Yes', 'No']);
      session.replyFile(file);
      session.replyImage({ name: 'cat.jpg', type: 'image/jpeg', base64: '/9j/' });
      session.replyLocation(41.39, 2.17);
      session.replyJson({ total: 3, items: [1, 2] });
    });
    expect(outcome.replies).toEqual([
      { type: 'str', content: 'Hello!' },
      { type: 'markdown', content: '**bold**' },
      { type: 'options', content: ['Yes', 'No'] },
      { type: 'file', content: file },
      { type: 'image', content: { name: 'cat.jpg', type: 'image/jpeg', base64: '/9j/' } },
      { type: 'location', content: { latitude: 41.39, longitude: 2.17 } },
      { type: 'json', content: { total: 3, items: [1, 2] } },
    ]);
    expect(outcome.history.map((row) => [row.sender, row.type, row.text])).toEqual([
      [0, 'str', 'Hello!'],
      [0, 'markdown', '**bold**'],
      [0, 'options', 'Yes | No'],
      [0, 'file', 'report.pdf'],
      [0, 'image', 'cat.jpg'],
      [0, 'location', '41.39, 2.17'],
      [0, 'json', '{"total":3,"items":[1,2]}'],
    ]);
    expect(outcome.errors).toEqual([]);
  });

  it('refuses malformed replies with INVALID_ARGUMENT naming the field', () => {
    const { session } = sessionOf();
    const fieldOf = (reply: () => void): string | undefined => {
      try {
        reply();
      } catch (error) {
        expect((error as ParleyError).code).toBe('INVALID_ARGUMENT');
        return (error as ParleyError).field;
      }
      return undefined;
    };
    expect(fieldOf(() => session.reply(42 as never))).toBe('text');
    expect(fieldOf(() => session.replyOptions(['a', 1] as never))).toBe('options');
    expect(fieldOf(() => session.replyFile({ name: 'x' } as never))).toBe('file');
    expect(fieldOf(() => session.replyLocation(91, 0))).toBe('latitude');
    expect(fieldOf(() => session.replyLocation(0, Number.NaN))).toBe('longitude');
    expect(fieldOf(() => session.replyJson(new Map() as never))).toBe('value');
    // NUL is refused wherever it would reach a history row's text, as in users' messages.
    expect(fieldOf(() => session.reply('a\u0000b'))).toBe('text');
    expect(fieldOf(() => session.replyMarkdown('*\u0000*'))).toBe('markdown');
    expect(fieldOf(() => session.replyOptions(['ok', 'n\u0000']))).toBe('options');
    expect(fieldOf(() => session.replyFile({ name: 'a\u0000.txt', type: 'text/plain', base64: '' }))).toBe('file.name');
  });

  it('shows chatHistory with the given rows and this turn rows as they happen', async () => {
    const seen: Array<Array<[string, 0 | 1]>> = [];
    await start(
      (session) => {
        seen.push(session.chatHistory);
        session.reply('first');
        seen.push(session.chatHistory);
        session.chatHistory.push(['tampered', 1]);
        seen.push(session.chatHistory);
      },
      [
        ['hi', 1],
        ['hello', 0],
      ],
    );
    expect(seen).toEqual([
      [
        ['hi', 1],
        ['hello', 0],
      ],
      [
        ['hi', 1],
        ['hello', 0],
        ['first', 0],
      ],
      [
        ['hi', 1],
        ['hello', 0],
        ['first', 0],
      ],
    ]);
  });

  it('exposes id and current state', async () => {
    const seen: string[] = [];
    await start((session) => {
      seen.push(session.id, session.currentState);
    });
    expect(seen).toEqual(['u1', 's0']);
  });

  it('fails only the body that sets a non-JSON variable: what it did before stays, the error is reported', async () => {
    const outcome = await start((session) => {
      session.set('ok', 1);
      session.reply('before');
      session.set('when', new Date() as never);
      session.reply('never sent');
    });
    expect(outcome.replies).toEqual([{ type: 'str', content: 'before' }]);
    expect(outcome.snapshot.variables).toEqual({ ok: 1 });
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toMatchObject({ code: 'INVALID_VARIABLE', state: 's0' });
    expect(outcome.errors[0]?.message).toMatch(/body of state 's0' failed: session variable 'when'/);
  });
});
