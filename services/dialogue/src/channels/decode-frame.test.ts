import { ParleyError } from '@parley/domain';
import { describe, expect, it } from 'vitest';
import { decodeFrame, type Command } from './decode-frame';

const LIMIT = 256;
const decode = (frame: unknown): Command =>
  decodeFrame(Buffer.from(typeof frame === 'string' ? frame : JSON.stringify(frame)), false, LIMIT);
const file = { name: 'a.txt', type: 'text/plain', base64: 'aGk=' };

describe('decodeFrame', () => {
  it.each<[string, unknown, Command]>([
    [
      'user_message',
      { action: 'user_message', message: 'hi' },
      { kind: 'turn', request: { kind: 'message', text: 'hi' }, messageId: undefined },
    ],
    [
      'message_id',
      { action: 'user_message', message: 'hi', message_id: 'm:1' },
      { kind: 'turn', request: { kind: 'message', text: 'hi' }, messageId: 'm:1' },
    ],
    ['user_file object', { action: 'user_file', message: file }, { kind: 'turn', request: { kind: 'file', file }, messageId: undefined }],
    [
      'user_file string',
      { action: 'user_file', message: JSON.stringify(file) },
      { kind: 'turn', request: { kind: 'file', file }, messageId: undefined },
    ],
    [
      'user_event',
      { action: 'user_event', message: { name: 'e', params: { a: [1] } } },
      { kind: 'turn', request: { kind: 'event', name: 'e', params: { a: [1] } }, messageId: undefined },
    ],
    ['reset without message', { action: 'reset' }, { kind: 'reset' }],
    ['reset with BBF null', { action: 'reset', message: null }, { kind: 'reset' }],
    ['extra keys', { action: 'reset', extra: true }, { kind: 'reset' }],
  ])('decodes %s', (_name, frame, command) => {
    expect(decode(frame)).toEqual(command);
  });

  it('leaves content rules to the TurnService: empty text and unusual base64 pass the wire check', () => {
    expect(decode({ action: 'user_message', message: '' })).toMatchObject({ request: { text: '' } });
    expect(decode({ action: 'user_file', message: { ...file, base64: '!' } })).toMatchObject({ request: { file: { base64: '!' } } });
  });

  it.each<[string, unknown, string]>([
    ['null', 'null', 'frame'],
    ['a string', '"user_message"', 'frame'],
    ['truncated JSON', '{"action": "reset"', 'frame'],
    ['action as a number', { action: 1 }, 'action'],
    ['an unknown action', { action: 'bot_reply_str', message: 'x' }, 'action'],
    ['text as an object', { action: 'user_message', message: { text: 'hi' } }, 'message'],
    ['text as null', { action: 'user_message', message: null }, 'message'],
    ['message_id as a number', { action: 'user_message', message: 'hi', message_id: 7 }, 'message_id'],
    ['file as a list', { action: 'user_file', message: [file] }, 'message'],
    ['file as a JSON string of a list', { action: 'user_file', message: '[1]' }, 'message'],
    ['file name as a number', { action: 'user_file', message: { ...file, name: 3 } }, 'message.name'],
    ['file type missing', { action: 'user_file', message: { name: 'a', base64: '' } }, 'message.type'],
    ['event as a string', { action: 'user_event', message: 'e' }, 'message'],
    ['event without a name', { action: 'user_event', message: { params: {} } }, 'message.name'],
    ['event params as a string', { action: 'user_event', message: { name: 'e', params: 'x' } }, 'message.params'],
  ])('refuses %s with INVALID_ARGUMENT naming the field', (_name, frame, field) => {
    const error = catchError(() => decode(frame));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field });
    expect(error.message).toContain(field === 'frame' ? 'frame' : field);
  });

  it('names the expected actions when the action is unknown, without echoing a long one whole', () => {
    const error = catchError(() => decode({ action: 'x'.repeat(200) }));
    expect(error.message).toContain('user_message, user_file, user_event, reset');
    expect(error.message.length).toBeLessThan(200);
  });

  it('refuses a frame over the limit before parsing it, and binary or non-UTF-8 frames', () => {
    expect(catchError(() => decodeFrame(Buffer.alloc(LIMIT + 1, 0x20), false, LIMIT))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(decodeFrame(Buffer.from(`{"action":"reset"}${' '.repeat(LIMIT - 18)}`), false, LIMIT)).toEqual({ kind: 'reset' });
    expect(catchError(() => decodeFrame(Buffer.from('{"action":"reset"}'), true, LIMIT))).toMatchObject({ field: 'frame' });
    expect(catchError(() => decodeFrame(Buffer.from([0x22, 0xc3, 0x22]), false, LIMIT)).message).toContain('UTF-8');
  });
});

function catchError(run: () => unknown): ParleyError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParleyError) return error;
    throw error;
  }
  throw new Error('expected a ParleyError');
}
