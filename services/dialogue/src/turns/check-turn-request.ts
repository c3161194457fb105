/**
 * Checks a turn request before any I/O, for every channel alike (REST schemas catch types first; the WebSocket
 * channel relies on this): an empty or over-long text, a malformed file or event is a 400 naming the field.
 *
 * U+0000 is refused in every text that becomes a history row's plain text (the message, a file's name and type, an
 * event's name), on every store alike: PostgreSQL's `text` type cannot hold it, so that store alone would have kept
 * U+FFFD instead, and no person types it (it is the classic string-truncation character of C consumers). The other
 * option, an escape every reader of PostgreSQL's history would have to know, costs more than a 400 for a character
 * with no meaning in a chat. Event params keep it: they are JSON values, which every store keeps exactly.
 */
import { isBlankText, isJsonValue, MAX_JSON_DEPTH, ParleyError, type JsonValue } from '@parley/domain';
import type { TurnRequest } from './turn-service';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const NAME_LIMIT = 255;

export function checkTurnRequest(request: TurnRequest, maxTextLength: number): void {
  switch (request.kind) {
    case 'message':
      checkText(request.text, maxTextLength);
      return;
    case 'file':
      checkName(request.file.name, 'name');
      checkName(request.file.type, 'type');
      if (typeof request.file.base64 !== 'string' || request.file.base64.length % 4 !== 0 || !BASE64.test(request.file.base64)) {
        throw new ParleyError('INVALID_ARGUMENT', 'base64 must be standard base64 (A–Z, a–z, 0–9, +, /, = padding)', {
          field: 'base64',
        });
      }
      return;
    case 'event':
      checkName(request.name, 'name');
      checkParams(request.params);
      return;
  }
}

function checkText(text: string, maxTextLength: number): void {
  if (typeof text !== 'string' || isBlankText(text)) {
    throw new ParleyError('TEXT_EMPTY', 'text must not be empty: it holds no visible character', { field: 'text' });
  }
  if (text.length > maxTextLength) {
    throw new ParleyError('TEXT_TOO_LONG', `text is longer than ${maxTextLength} characters`, { field: 'text' });
  }
  checkCharacters(text, 'text');
}

function checkName(value: string, field: string): void {
  if (typeof value !== 'string' || isBlankText(value) || value.length > NAME_LIMIT) {
    throw new ParleyError('INVALID_ARGUMENT', `${field} must be 1–${NAME_LIMIT} characters, at least one of them visible`, { field });
  }
  checkCharacters(value, field);
}

function checkCharacters(text: string, field: string): void {
  if (!isWellFormed(text)) throw notUnicode(field);
  if (text.includes('\u0000')) {
    throw new ParleyError('INVALID_ARGUMENT', `${field} must not contain U+0000 (NUL), which no store keeps alike`, { field });
  }
}

function checkParams(params: unknown): void {
  // The depth limit comes first: it bounds the recursion of the walk for lone surrogates below.
  if (params === null || typeof params !== 'object' || Array.isArray(params) || !isJsonValue(params)) {
    throw new ParleyError('INVALID_ARGUMENT', `params must be a JSON object nested at most ${MAX_JSON_DEPTH} levels deep`, {
      field: 'params',
    });
  }
  if (!isWellFormedJson(params)) throw notUnicode('params');
}

/** Every string of a JsonValue, keys included, is well-formed. */
function isWellFormedJson(value: JsonValue): boolean {
  if (typeof value === 'string') return isWellFormed(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isWellFormedJson);
  return Object.entries(value).every(([key, item]) => isWellFormed(key) && isWellFormedJson(item));
}

/**
 * False for a string holding a lone surrogate (JSON can carry one as an escape such as "\ud800"): it is not
 * Unicode text, and no store keeps it faithfully (SQLite turns it into U+FFFD, PostgreSQL refuses it). The method
 * is ES2024, which Node 20 has but the project's ES2023 lib does not declare.
 */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function notUnicode(field: string): ParleyError {
  return new ParleyError('INVALID_ARGUMENT', `${field} must be well-formed Unicode text (it holds a lone surrogate)`, { field });
}
