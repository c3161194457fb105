/**
 * Session and message ids: what a client may choose, and the random id a session gets otherwise.
 * Ids end up in store keys, log lines and URLs, so they are restricted to a URL- and key-safe alphabet.
 */
import { randomBytes } from 'node:crypto';
import { ParleyError } from '@parley/domain';

/** A client-chosen session id: 1–128 characters of A–Z, a–z, 0–9, `_` and `-`. */
export const SESSION_ID_PATTERN = '^[A-Za-z0-9_-]{1,128}$';
/** A client-chosen messageId (idempotency key): 1–128 characters of A–Z, a–z, 0–9, `_`, `-`, `.` and `:`. */
export const MESSAGE_ID_PATTERN = '^[A-Za-z0-9_.:-]{1,128}$';

const sessionId = new RegExp(SESSION_ID_PATTERN);
const messageId = new RegExp(MESSAGE_ID_PATTERN);

/** 128 random bits, hex: 32 characters. */
export function newSessionId(): string {
  return randomBytes(16).toString('hex');
}

export function checkSessionId(id: string): string {
  if (!sessionId.test(id)) {
    throw new ParleyError('INVALID_ARGUMENT', `id must match ${SESSION_ID_PATTERN}`, { field: 'id' });
  }
  return id;
}

export function checkMessageId(id: string): string {
  if (!messageId.test(id)) {
    throw new ParleyError('INVALID_ARGUMENT', `messageId must match ${MESSAGE_ID_PATTERN}`, { field: 'messageId' });
  }
  return id;
}
