/**
 * The JSON Schemas of the REST API: they validate requests, serialise responses and are the OpenAPI document
 * served at /docs. Field names match the domain types (`Reply`, `IntentClassifierPrediction`, `HistoryEntry`).
 */
import { ERROR_CODES, REPLY_TYPES } from '@parley/domain';
import { MESSAGE_ID_PATTERN, SESSION_ID_PATTERN } from '../turns/session-id';

const anyJson = { description: 'Any JSON value' };
const jsonObject = { type: 'object', additionalProperties: true };

export const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string', enum: Object.keys(ERROR_CODES) }, message: { type: 'string' } },
    },
  },
} as const;

/** Error responses a route documents, by HTTP status. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorBody> {
  return Object.fromEntries([...statuses, 500].map((status) => [status, errorBody]));
}

const reply = {
  type: 'object',
  required: ['type', 'content'],
  properties: {
    type: { type: 'string', enum: [...REPLY_TYPES] },
    content: {
      description: 'str/markdown: string; options: string[]; file/image: {name, type, base64}; location: {latitude, longitude}; json: any',
    },
  },
};

const prediction = {
  type: 'object',
  description: "The NLU's IntentClassifierPrediction for this message, asked with the session's state as scope",
  properties: {
    intent: { type: 'string' },
    score: { type: 'number' },
    matchedSentence: { type: 'string' },
    matchedParameters: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, value: anyJson, info: jsonObject },
      },
    },
    ranking: {
      type: 'array',
      items: { type: 'object', properties: { intent: { type: 'string' }, score: { type: 'number' } } },
    },
    scope: { type: 'string' },
    modelVersion: { type: 'string' },
    fallbackReason: { type: 'string', enum: ['NONE', 'LOW_CONFIDENCE', 'AMBIGUOUS', 'NO_INTENTS', 'OUT_OF_VOCABULARY'] },
  },
};

const turnErrors = {
  type: 'array',
  description:
    "What the bot's own code threw during the turn (a body, fallback body or condition), which the turn survived as in " +
    'BBF; present only when something did. `state` is the state whose body or transition failed.',
  items: {
    type: 'object',
    required: ['code', 'message', 'state'],
    properties: { code: { type: 'string', enum: Object.keys(ERROR_CODES) }, message: { type: 'string' }, state: { type: 'string' } },
  },
};

export const turnResult = {
  type: 'object',
  required: ['id', 'state', 'replies'],
  properties: {
    id: { type: 'string' },
    state: { type: 'string', description: "The session's dialogue state after the turn" },
    replies: { type: 'array', items: reply },
    prediction,
    errors: turnErrors,
  },
};

export const sessionView = {
  type: 'object',
  required: ['id', 'state', 'variables', 'chatHistory'],
  properties: {
    id: { type: 'string' },
    state: { type: 'string' },
    variables: jsonObject,
    chatHistory: {
      type: 'array',
      description: 'The most recent rows (PARLEY_HISTORY_WINDOW), oldest first, as [text, sender]: 0 = bot, 1 = user',
      items: { type: 'array', items: [{ type: 'string' }, { type: 'integer', enum: [0, 1] }], minItems: 2, maxItems: 2 },
    },
  },
};

export const historyPage = {
  type: 'object',
  required: ['entries', 'total', 'offset', 'limit'],
  properties: {
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['seq', 'sender', 'type', 'text', 'content', 'at'],
        properties: {
          seq: { type: 'integer', description: '1-based position in the history' },
          sender: { type: 'integer', enum: [0, 1], description: '0 = bot, 1 = user' },
          type: { type: 'string' },
          text: { type: 'string' },
          content: anyJson,
          at: { type: 'string', format: 'date-time' },
        },
      },
    },
    total: { type: 'integer' },
    offset: { type: 'integer' },
    limit: { type: 'integer' },
  },
};

export const sessionParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: SESSION_ID_PATTERN, description: 'The session id' } },
};

export const historyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    // The bound also refuses what coercion makes of `?offset=1e400`: Infinity, which passes the integer check.
    offset: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  },
};

const messageId = {
  type: 'string',
  pattern: MESSAGE_ID_PATTERN,
  description: 'Idempotency key: a retry with the same messageId returns the first answer and never runs the turn twice',
};

export const createBody = {
  type: 'object',
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: SESSION_ID_PATTERN, description: 'Optional; 128 random bits (hex) when absent' } },
};

export const messageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: { text: { type: 'string' }, messageId },
};

export const fileBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type', 'base64'],
  properties: {
    name: { type: 'string' },
    type: { type: 'string', description: 'MIME type, e.g. image/png' },
    base64: { type: 'string' },
    messageId,
  },
};

export const eventBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string' }, params: { ...jsonObject, default: {} }, messageId },
};
