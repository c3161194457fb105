import { MAX_JSON_DEPTH, ParleyError, type JsonObject } from '@parley/domain';
import { describe, expect, it } from 'vitest';
import { checkTurnRequest } from './check-turn-request';
import type { TurnRequest } from './turn-service';

const MAX_TEXT = 20;
const PNG = 'iVBORw0KGgo=';

function refusal(request: TurnRequest): { code: string; field: string | undefined; message: string } | undefined {
  try {
    checkTurnRequest(request, MAX_TEXT);
    return undefined;
  } catch (error) {
    if (!(error instanceof ParleyError)) throw error;
    return { code: error.code, field: error.field, message: error.message };
  }
}

/** Params whose one key holds `levels` objects inside one another: {"a": {"a": 1}} is 2 levels. */
function nestedParams(levels: number): JsonObject {
  let value: JsonObject = { a: 1 };
  for (let level = 1; level < levels; level += 1) value = { a: value };
  return value;
}

const event = (params: unknown, name = 'ping'): TurnRequest => ({ kind: 'event', name, params: params as JsonObject });
const file = (fields: Partial<{ name: string; type: string; base64: string }>): TurnRequest => ({
  kind: 'file',
  file: { name: 'a.png', type: 'image/png', base64: PNG, ...fields },
});

describe('checkTurnRequest', () => {
  it.each<[string, TurnRequest]>([
    ['a message', { kind: 'message', text: 'hello 👋🏽' }],
    ['a message at the length limit', { kind: 'message', text: 'a'.repeat(MAX_TEXT) }],
    ['a file', file({})],
    ['an empty file', file({ base64: '' })],
    ['an event with nested params, emoji keys and values', event({ '👋': { list: [1, 'é', null, { ok: '🏽' }] } })],
    [`an event with params ${MAX_JSON_DEPTH} levels deep`, event(nestedParams(MAX_JSON_DEPTH))],
    ['a message with a visible character among invisible ones', { kind: 'message', text: '\u200b?\u00a0' }],
    ['an event whose params hold NUL (JSON values, kept exactly by every store)', event({ 'a\u0000': 'b\u0000' })],
  ])('accepts %s', (_name, request) => {
    expect(refusal(request)).toBeUndefined();
  });

  it.each<[string, TurnRequest, string, string]>([
    ['a blank text', { kind: 'message', text: ' \t' }, 'TEXT_EMPTY', 'text'],
    ['a no-break-space-only text', { kind: 'message', text: '\u00a0' }, 'TEXT_EMPTY', 'text'],
    ['a zero-width-space-only text', { kind: 'message', text: '\u200b' }, 'TEXT_EMPTY', 'text'],
    ['a text of joiners, a BOM and a control', { kind: 'message', text: '\u200d\ufeff\u0007' }, 'TEXT_EMPTY', 'text'],
    ['a NUL in the text', { kind: 'message', text: 'a\u0000b' }, 'INVALID_ARGUMENT', 'text'],
    ['a NUL in the file name', file({ name: 'a\u0000.png' }), 'INVALID_ARGUMENT', 'name'],
    ['a NUL in the file type', file({ type: 'image/png\u0000' }), 'INVALID_ARGUMENT', 'type'],
    ['a NUL in the event name', event({}, 'pi\u0000ng'), 'INVALID_ARGUMENT', 'name'],
    ['a zero-width-only file name', file({ name: '\u200b' }), 'INVALID_ARGUMENT', 'name'],
    ['a text over the limit', { kind: 'message', text: 'a'.repeat(MAX_TEXT + 1) }, 'TEXT_TOO_LONG', 'text'],
    ['a lone high surrogate in the text', { kind: 'message', text: 'hello \ud83d' }, 'INVALID_ARGUMENT', 'text'],
    ['a lone low surrogate in the text', { kind: 'message', text: '\ude00 hello' }, 'INVALID_ARGUMENT', 'text'],
    ['surrogates reversed in the text', { kind: 'message', text: '\ude00\ud83d' }, 'INVALID_ARGUMENT', 'text'],
    ['a blank file name', file({ name: ' ' }), 'INVALID_ARGUMENT', 'name'],
    ['a lone surrogate in the file name', file({ name: '\ud800' }), 'INVALID_ARGUMENT', 'name'],
    ['a lone surrogate in the file type', file({ type: 'image/\udfff' }), 'INVALID_ARGUMENT', 'type'],
    ['base64 outside the alphabet', file({ base64: 'ab=c' }), 'INVALID_ARGUMENT', 'base64'],
    ['a lone surrogate in the event name', event({}, 'pi\ud800ng'), 'INVALID_ARGUMENT', 'name'],
    ['params that are an array', event([1]), 'INVALID_ARGUMENT', 'params'],
    ['params that are null', event(null), 'INVALID_ARGUMENT', 'params'],
    ['params holding NaN', event({ a: Number.NaN }), 'INVALID_ARGUMENT', 'params'],
    [`params ${MAX_JSON_DEPTH + 1} levels deep`, event(nestedParams(MAX_JSON_DEPTH + 1)), 'INVALID_ARGUMENT', 'params'],
    ['params 100k levels deep', event(nestedParams(100_000)), 'INVALID_ARGUMENT', 'params'],
    ['a lone surrogate in a params key', event({ '\udfff': 1 }), 'INVALID_ARGUMENT', 'params'],
    ['a lone surrogate in a nested params value', event({ a: [{ b: 'x\ud800' }] }), 'INVALID_ARGUMENT', 'params'],
  ])('refuses %s, naming the field', (_name, request, code, field) => {
    const refused = refusal(request);
    expect(refused).toMatchObject({ code, field });
    expect(refused?.message).toContain(field);
  });
});
