/**
 * The frames the server sends: BBF's `bot_reply_*` frames for replies, plus Parley's `session` and `error` frames,
 * and `turn_errors` in dev mode. README.md documents each shape; BBF clients only ever see the actions they
 * already know plus these.
 */
import { isParleyError, type JsonValue, type Reply } from '@parley/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { TurnError } from '@parley/bot';
import type { SessionView } from '../turns/turn-service';

export interface OutboundFrame {
  action: string;
  message: JsonValue;
}

export function replyFrame(reply: Reply): OutboundFrame {
  if (reply.type === 'options') {
    // BBF's shape, so BBF's own chat widget and Streamlit UI work unchanged: a JSON string of {"0": …, "1": …}.
    const byIndex = Object.fromEntries(reply.content.map((option, index) => [String(index), option]));
    return { action: 'bot_reply_options', message: JSON.stringify(byIndex) };
  }
  return { action: `bot_reply_${reply.type}`, message: reply.content as unknown as JsonValue };
}

/** Dev mode only: what the bot's code threw during a turn, after its replies (a client shows it to the developer). */
export function turnErrorsFrame(errors: TurnError[]): OutboundFrame {
  return { action: 'turn_errors', message: errors.map((error) => ({ code: error.code, message: error.message, state: error.state })) };
}

export interface SessionFrameContent {
  view: Pick<SessionView, 'id' | 'state' | 'chatHistory'>;
  resumed: boolean;
  maxFrameBytes: number;
}

/** The first frame on every socket: which session it speaks for, so the client can resume it after a drop. */
export function sessionFrame({ view, resumed, maxFrameBytes }: SessionFrameContent): OutboundFrame {
  return {
    action: 'session',
    message: { id: view.id, state: view.state, resumed, chatHistory: view.chatHistory, maxFrameBytes },
  };
}

/** Expected failures keep their code and message; anything else is logged and reported as a generic INTERNAL. */
export function errorFrame(error: unknown, log: FastifyBaseLogger): OutboundFrame {
  if (isParleyError(error)) {
    const message: { [key: string]: JsonValue } = { code: error.code, message: error.message };
    if (error.field !== undefined) message.field = error.field;
    return { action: 'error', message };
  }
  log.error({ err: error }, 'websocket frame failed');
  return { action: 'error', message: { code: 'INTERNAL', message: 'internal error' } };
}
