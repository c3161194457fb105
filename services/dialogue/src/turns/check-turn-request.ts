/**
 * Checks a turn request before any I/O, for every channel alike (REST schemas catch types first; the WebSocket
 * channel relies on this): an empty or over-long text, a malformed file or event is a 400 naming the field.
 */
import { isJsonValue, ParleyError } from '@parley/domain';
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
      if (request.params === null || typeof request.params !== 'object' || Array.isArray(request.params) || !isJsonValue(request.params)) {
        throw new ParleyError('INVALID_ARGUMENT', 'params must be a JSON object', { field: 'params' });
      }
      return;
  }
}

function checkText(text: string, maxTextLength: number): void {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ParleyError('TEXT_EMPTY', 'text must not be empty', { field: 'text' });
  }
  if (text.length > maxTextLength) {
    throw new ParleyError('TEXT_TOO_LONG', `text is longer than ${maxTextLength} characters`, { field: 'text' });
  }
}

function checkName(value: string, field: string): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > NAME_LIMIT) {
    throw new ParleyError('INVALID_ARGUMENT', `${field} must be 1–${NAME_LIMIT} characters`, { field });
  }
}
