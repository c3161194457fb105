/**
 * The JSON Schemas of the audit route (GET /v1/audit): the query it accepts and the page it answers, documented in
 * OpenAPI at /docs. Field names are the store's (`AuditQuery`, `AuditRecord`). Dates are checked by the store,
 * which names the field of a bad one.
 */
import { AUDIT_KINDS, MAX_AUDIT_PAGE } from '@parley/session-store';
import { SESSION_ID_PATTERN } from '../turns/session-id';

const KINDS = [...AUDIT_KINDS];
const name = { type: 'string', minLength: 1, maxLength: 255 };
const score = { type: 'number', minimum: 0, maximum: 1 };
const dateTime = { type: 'string', minLength: 1, maxLength: 64, description: 'ISO-8601 with a time zone, e.g. 2030-01-31T12:00:00Z' };

export const auditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sessionId: { type: 'string', pattern: SESSION_ID_PATTERN, description: "One session's rows (deleted and expired sessions too)" },
    kind: { type: 'string', enum: KINDS },
    intent: { ...name, description: "A prediction's intent (fallback_intent for fallbacks)" },
    state: { ...name, description: 'Where a message was predicted, the state a transition left, a session event' },
    fallbackReason: { ...name, description: 'NONE, LOW_CONFIDENCE, AMBIGUOUS, NO_INTENTS or OUT_OF_VOCABULARY' },
    minScore: { ...score, description: 'Rows with a score at least this (rows without a score never match)' },
    maxScore: { ...score, description: 'Rows with a score at most this' },
    from: { ...dateTime, description: `Rows at or after this time; ${dateTime.description}` },
    to: { ...dateTime, description: `Rows before this time; ${dateTime.description}` },
    limit: { type: 'integer', minimum: 1, maximum: MAX_AUDIT_PAGE, default: 100 },
    cursor: { type: 'string', minLength: 1, maxLength: 64, description: "The previous page's nextCursor" },
  },
};

const auditRow = {
  type: 'object',
  required: ['id', 'sessionId', 'kind', 'at', 'data'],
  properties: {
    id: { type: 'integer', description: 'Unique in the store, in write order' },
    sessionId: { type: 'string' },
    kind: { type: 'string', enum: KINDS },
    at: { type: 'string', format: 'date-time' },
    state: { type: 'string' },
    intent: { type: 'string' },
    score: { type: 'number', description: "A prediction's confidence; for a fallback, the best intent's score" },
    fallbackReason: { type: 'string' },
    data: {
      type: 'object',
      additionalProperties: true,
      description:
        'prediction: text, intent, score, scope, fallbackReason, modelVersion, matchedSentence, matchedParameters, ranking; transition: source, dest, event (state_missing when the state was gone from the bot), info; session: event (created, reset, error with its code)',
    },
  },
};

export const auditPage = {
  type: 'object',
  required: ['rows'],
  properties: {
    rows: { type: 'array', items: auditRow, description: 'Newest first: by time, then by id' },
    nextCursor: { type: 'string', description: 'Absent on the last page' },
  },
};
