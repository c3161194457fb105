/**
 * Turns one inbound WebSocket frame into a command for the channel, or throws the ParleyError that its error
 * frame reports. Only the wire shape is checked here (size, encoding, JSON, action, types); what a valid text,
 * file or event is (empty text, base64 alphabet, length limits) is the TurnService's rule, shared with REST.
 */
import { isUtf8 } from 'node:buffer';
import { ParleyError, type FileData, type JsonObject } from '@parley/domain';
import type { TurnRequest } from '../turns/turn-service';

export type Command = { kind: 'turn'; request: TurnRequest; messageId: string | undefined } | { kind: 'reset' };

const INBOUND_ACTIONS = ['user_message', 'user_file', 'user_event', 'reset'] as const;

type FrameObject = Record<string, unknown>;

export function decodeFrame(data: Buffer, isBinary: boolean, maxFrameBytes: number): Command {
  // Cheapest checks first: an oversize or binary frame is refused before it is decoded or parsed.
  if (data.length > maxFrameBytes) {
    throw new ParleyError('PAYLOAD_TOO_LARGE', `frame is ${data.length} bytes; the limit is ${maxFrameBytes}`, {
      field: 'frame',
    });
  }
  if (isBinary) throw invalid('frame', 'frame must be a text frame holding JSON, not binary');
  if (!isUtf8(data)) throw invalid('frame', 'frame is not valid UTF-8');
  const frame = parseJson(data.toString('utf8'), 'frame');
  if (!isObject(frame)) throw invalid('frame', 'frame must be a JSON object {"action", "message"}');
  switch (frame.action) {
    case 'user_message':
      return turn({ kind: 'message', text: stringField(frame.message, 'message') }, frame);
    case 'user_file':
      return turn({ kind: 'file', file: decodeFile(frame.message) }, frame);
    case 'user_event':
      return turn(decodeEvent(frame.message), frame);
    case 'reset':
      return { kind: 'reset' };
    default:
      throw unknownAction(frame.action);
  }
}

function turn(request: TurnRequest, frame: FrameObject): Command {
  const messageId = frame.message_id === undefined ? undefined : stringField(frame.message_id, 'message_id');
  return { kind: 'turn', request, messageId };
}

/** BBF sends the file as a JSON string inside the frame; an object is accepted too. */
function decodeFile(message: unknown): FileData {
  const file = typeof message === 'string' ? parseJson(message, 'message') : message;
  if (!isObject(file)) throw invalid('message', 'user_file message must be {name, type, base64} or its JSON string');
  return {
    name: stringField(file.name, 'message.name'),
    type: stringField(file.type, 'message.type'),
    base64: stringField(file.base64, 'message.base64'),
  };
}

function decodeEvent(message: unknown): TurnRequest {
  if (!isObject(message)) throw invalid('message', 'user_event message must be {name, params}');
  const params = message.params ?? {};
  if (!isObject(params)) throw invalid('message.params', 'message.params must be a JSON object');
  // Parsed from JSON, so every nested value already is a JsonValue.
  return { kind: 'event', name: stringField(message.name, 'message.name'), params: params as JsonObject };
}

function unknownAction(action: unknown): ParleyError {
  if (typeof action !== 'string') return invalid('action', 'action must be a string');
  const shown = action.length > 40 ? `${action.slice(0, 40)}…` : action;
  return invalid('action', `unknown action ${JSON.stringify(shown)}; expected one of ${INBOUND_ACTIONS.join(', ')}`);
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid(field, `${field} is not valid JSON`);
  }
}

function stringField(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, `${field} must be a string`);
  return value;
}

function isObject(value: unknown): value is FrameObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(field: string, message: string): ParleyError {
  return new ParleyError('INVALID_ARGUMENT', message, { field });
}
