/**
 * The WebSocket bad-input matrix as data: frames that are not JSON, not objects, binary, invalid UTF-8 or over the
 * size limit; unknown and wrongly typed actions; every action (`user_message`, `user_file`, `user_event`, `reset`)
 * with missing, wrongly typed, blank, over-long and odd messages. Each case names the error frame
 * (services/dialogue/src/channels/README.md) or the reply it must get.
 */
import type { ErrorCode } from '@parley/domain';
import {
  BAD_MESSAGE_IDS,
  BLANK_TEXTS,
  INVALID_UTF8,
  LONE_SURROGATES,
  NUL_TEXTS,
  MALFORMED_JSON,
  nested,
  ODD_TEXTS,
  utf8Body,
  WRONG_TYPES,
} from './bad-values';

export interface WsCase {
  name: string;
  frame: string | Buffer;
  binary?: boolean;
  /** An error frame with this code and field, or (accepted) a first frame that is a `bot_reply_*`. */
  expect: { code: ErrorCode; field: string } | { reply: true };
}

export const WS_LIMITS = { maxTextLength: 2000, maxFrameBytes: 64 * 1024 } as const;

const PNG = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
const FILE = { name: 'a.png', type: 'image/png', base64: PNG };

const frame = (action: unknown, message: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ action, message, ...extra });
const refused = (name: string, sent: string | Buffer, code: ErrorCode, field: string): WsCase => ({
  name,
  frame: sent,
  expect: { code, field },
});
const invalid = (name: string, sent: string | Buffer, field: string): WsCase => refused(name, sent, 'INVALID_ARGUMENT', field);
const answered = (name: string, sent: string): WsCase => ({ name, frame: sent, expect: { reply: true } });

function frameCases(): WsCase[] {
  return [
    invalid('frame: plain text', 'hello', 'frame'),
    invalid('frame: empty', '', 'frame'),
    ...MALFORMED_JSON.map((json) => invalid(`frame: malformed JSON ${JSON.stringify(json)}`, json, 'frame')),
    ...['[]', '"user_message"', '5', 'true', 'null', '[{"action":"reset"}]'].map((json) => invalid(`frame: JSON ${json}`, json, 'frame')),
    {
      name: 'frame: binary',
      frame: Buffer.from(frame('user_message', 'hello')),
      binary: true,
      expect: { code: 'INVALID_ARGUMENT', field: 'frame' },
    },
    ...INVALID_UTF8.map(([name, bytes]) =>
      invalid(`frame: invalid UTF-8: ${name}`, utf8Body('{"action":"user_message","message":"a', bytes, 'b"}'), 'frame'),
    ),
    refused('frame: one byte over the limit', padded(WS_LIMITS.maxFrameBytes + 1), 'PAYLOAD_TOO_LARGE', 'frame'),
    answered('frame: exactly at the limit', padded(WS_LIMITS.maxFrameBytes)),
    invalid('frame: deeply nested (30k levels)', nested(30_000), 'frame'),
    invalid('frame: no action', JSON.stringify({ message: 'hello' }), 'action'),
    ...WRONG_TYPES.filter(([type]) => type !== 'null').map(([type, action]) =>
      invalid(`frame: action as ${type}`, frame(action, 'hello'), 'action'),
    ),
    invalid('frame: action null', frame(null, 'hello'), 'action'),
    ...['user_voice', 'USER_MESSAGE', 'bot_reply_str', 'session', '', ' user_message', 'x'.repeat(500)].map((action) =>
      invalid(
        `frame: unknown action ${JSON.stringify(action.slice(0, 20))}${action.length > 20 ? '…' : ''}`,
        frame(action, 'hello'),
        'action',
      ),
    ),
  ];
}

/** A user_message frame for "hello" padded with spaces to exactly `bytes` bytes. */
function padded(bytes: number): string {
  const json = frame('user_message', 'hello');
  return `${json.slice(0, -1)}${' '.repeat(bytes - json.length)}}`;
}

function messageCases(): WsCase[] {
  const limit = WS_LIMITS.maxTextLength;
  const text = (value: string): string => frame('user_message', value);
  return [
    invalid('user_message: no message', JSON.stringify({ action: 'user_message' }), 'message'),
    ...WRONG_TYPES.map(([type, value]) => invalid(`user_message: message as ${type}`, text(value as string), 'message')),
    ...BLANK_TEXTS.map(([name, value]) => refused(`user_message: ${name} text`, text(value), 'TEXT_EMPTY', 'text')),
    answered('user_message: text at the limit', text('a'.repeat(limit))),
    refused('user_message: text one over the limit', text('a'.repeat(limit + 1)), 'TEXT_TOO_LONG', 'text'),
    refused('user_message: text of 60k characters', text('a'.repeat(60_000)), 'TEXT_TOO_LONG', 'text'),
    refused(
      'user_message: text making the frame 1.5 times the limit',
      text('a'.repeat(WS_LIMITS.maxFrameBytes * 1.5)),
      'PAYLOAD_TOO_LARGE',
      'frame',
    ),
    ...ODD_TEXTS.map(([name, value]) => answered(`user_message: ${name}`, text(value))),
    ...NUL_TEXTS.map(([name, value]) => invalid(`user_message: ${name}`, text(value), 'text')),
    ...LONE_SURROGATES.map(([name, json]) => invalid(`user_message: ${name}`, `{"action":"user_message","message":${json}}`, 'text')),
    answered('user_message: unknown keys are ignored', frame('user_message', 'hello', { extra: 1, user: { admin: true } })),
    ...WRONG_TYPES.filter(([type]) => type !== 'null').map(([type, id]) =>
      invalid(`user_message: message_id as ${type}`, frame('user_message', 'hello', { message_id: id }), 'message_id'),
    ),
    invalid('user_message: message_id null', frame('user_message', 'hello', { message_id: null }), 'message_id'),
    ...BAD_MESSAGE_IDS.map(([name, id]) =>
      invalid(`user_message: message_id ${name}`, frame('user_message', 'hello', { message_id: id }), 'messageId'),
    ),
  ];
}

function fileCases(): WsCase[] {
  const file = (message: unknown): string => frame('user_file', message);
  return [
    invalid('user_file: no message', JSON.stringify({ action: 'user_file' }), 'message'),
    ...WRONG_TYPES.filter(([type]) => !type.includes('object')).map(([type, value]) =>
      invalid(`user_file: message as ${type}`, file(value), 'message'),
    ),
    invalid('user_file: message a string that is not JSON', file('not json'), 'message'),
    invalid('user_file: message a JSON string of an array', file('[]'), 'message'),
    invalid('user_file: empty object', file({}), 'message.name'),
    ...(['name', 'type', 'base64'] as const).flatMap((field) => [
      invalid(`user_file: no ${field}`, file({ ...FILE, [field]: undefined }), `message.${field}`),
      invalid(`user_file: ${field} as number`, file({ ...FILE, [field]: 5 }), `message.${field}`),
    ]),
    invalid('user_file: bad base64', file({ ...FILE, base64: '!!!!' }), 'base64'),
    invalid('user_file: empty name', file({ ...FILE, name: '' }), 'name'),
    invalid('user_file: NUL in the name', file({ ...FILE, name: 'a\u0000.png' }), 'name'),
    invalid('user_file: zero-width-only name', file({ ...FILE, name: '\u200b' }), 'name'),
    invalid(
      'user_file: lone surrogate in the name',
      '{"action":"user_file","message":{"name":"\\ud800","type":"image/png","base64":""}}',
      'name',
    ),
    answered('user_file: as an object', file(FILE)),
    answered("user_file: as BBF's JSON string", file(JSON.stringify(FILE))),
  ];
}

function eventCases(): WsCase[] {
  const event = (message: unknown): string => frame('user_event', message);
  return [
    invalid('user_event: no message', JSON.stringify({ action: 'user_event' }), 'message'),
    ...WRONG_TYPES.filter(([type]) => !type.includes('object')).map(([type, value]) =>
      invalid(`user_event: message as ${type}`, event(value), 'message'),
    ),
    invalid('user_event: no name', event({ params: {} }), 'message.name'),
    invalid('user_event: name as number', event({ name: 5 }), 'message.name'),
    ...WRONG_TYPES.filter(([type]) => !type.includes('object') && type !== 'null').map(([type, params]) =>
      invalid(`user_event: params as ${type}`, event({ name: 'ping', params }), 'message.params'),
    ),
    invalid('user_event: empty name', event({ name: '' }), 'name'),
    invalid(
      'user_event: params nested 20k levels',
      `{"action":"user_event","message":{"name":"ping","params":{"a":${nested(20_000)}}}}`,
      'params',
    ),
    answered('user_event: params null (BBF default)', event({ name: 'ping', params: null })),
    answered('user_event: no params', event({ name: 'ping' })),
  ];
}

function resetCases(): WsCase[] {
  return [null, 'now', 5, {}, []].map((message) => answered(`reset: message ${JSON.stringify(message)}`, frame('reset', message)));
}

export function wsCases(): WsCase[] {
  return [...frameCases(), ...messageCases(), ...fileCases(), ...eventCases(), ...resetCases()];
}

/** A WebSocket upgrade with or without a key: it opens a session, or is refused with HTTP 401 naming `field`. */
export interface WsAuthCase {
  name: string;
  /** Appended to the channel's URL. */
  query: string;
  headers: Record<string, string>;
  expect: { session: true } | { status: 401; code: 'UNAUTHENTICATED'; field: string };
}

/** The upgrade cases for an app configured with `keys` (PARLEY_API_KEYS). */
export function authWsCases(keys: readonly [string, string]): WsAuthCase[] {
  const [key, other] = keys;
  const open = (name: string, query: string, headers: Record<string, string> = {}): WsAuthCase => ({
    name: `api key: upgrade ${name}`,
    query,
    headers,
    expect: { session: true },
  });
  const refused = (name: string, query: string, field: string, headers: Record<string, string> = {}): WsAuthCase => ({
    name: `api key: upgrade ${name}`,
    query,
    headers,
    expect: { status: 401, code: 'UNAUTHENTICATED', field },
  });
  const wrong = 'ws-key-three-0123456789abcdef';
  return [
    refused('with no key', '', 'authorization'),
    refused('with an unknown ?key=', `?key=${wrong}`, 'key'),
    refused('with an empty ?key=', '?key=', 'key'),
    refused('with ?key= one character short', `?key=${encodeURIComponent(key.slice(0, -1))}`, 'key'),
    refused('with ?key= repeated', `?key=${key}&key=${key}`, 'key'),
    refused('with ?KEY= (parameter names are case-sensitive)', `?KEY=${key}`, 'authorization'),
    refused('with ?api_key=', `?api_key=${key}`, 'authorization'),
    refused('with an unknown Authorization: Bearer', '', 'authorization', { authorization: `Bearer ${wrong}` }),
    refused('with Authorization: Basic', '', 'authorization', { authorization: `Basic ${Buffer.from(`u:${key}`).toString('base64')}` }),
    refused('with an unknown X-API-Key', '', 'x-api-key', { 'x-api-key': wrong }),
    refused('with an unknown X-API-Key beside a valid ?key=', `?key=${key}`, 'x-api-key', { 'x-api-key': wrong }),
    refused('with no key but a session_id to resume', '?session_id=some-session', 'authorization'),
    open('with ?key=', `?key=${key}`),
    open('with ?key= of the second key', `?key=${other}`),
    open('with ?key= and a session_id to resume', `?session_id=no-such-session&key=${key}`),
    open('with Authorization: Bearer', '', { authorization: `Bearer ${key}` }),
    open('with X-API-Key', '', { 'x-api-key': other }),
  ];
}
