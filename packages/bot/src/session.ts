/**
 * The Session of BBF's Sessions page, in TS idiom: what a body or event predicate sees of one user's conversation
 * (ReadonlySession's reads, plus variables' writes and replies).
 * Variables are JSON values, stored and returned as copies: a session is saved between turns, so changing an
 * object after `set` (or one returned by `get`) changes nothing until it is `set` again.
 */
import { isJsonValue, ParleyError, type FileData, type JsonValue, type Reply } from '@parley/domain';
import { ReadonlySession } from './readonly-session';

export class Session extends ReadonlySession {
  set(key: string, value: JsonValue): void {
    if (typeof key !== 'string' || key === '') {
      throw new ParleyError('INVALID_VARIABLE', 'a session variable needs a non-empty string key', {
        field: String(key),
      });
    }
    if (!isJsonValue(value)) {
      throw new ParleyError(
        'INVALID_VARIABLE',
        `session variable '${key}' must be a JSON value (null, boolean, finite number, string, array or plain ` +
          `object of them), got ${describe(value)}`,
        { field: key },
      );
    }
    this.draft.variables.set(key, structuredClone(value));
  }

  /** Removes the variable; false when it was not set (where BBF raises KeyError). */
  delete(key: string): boolean {
    return this.draft.variables.delete(key);
  }

  reply(text: string): void {
    this.#reply({ type: 'str', content: checkText(text, 'text') });
  }

  replyMarkdown(markdown: string): void {
    this.#reply({ type: 'markdown', content: checkText(markdown, 'markdown') });
  }

  /** Buttons; a client sends the chosen option's text back as a user message. */
  replyOptions(options: string[]): void {
    if (!Array.isArray(options) || options.some((option) => typeof option !== 'string')) {
      throw invalidReply('options must be an array of strings', 'options');
    }
    for (const option of options) checkText(option, 'options');
    this.#reply({ type: 'options', content: [...options] });
  }

  replyFile(file: FileData): void {
    this.#reply({ type: 'file', content: checkFile(file, 'file') });
  }

  replyImage(image: FileData): void {
    this.#reply({ type: 'image', content: checkFile(image, 'image') });
  }

  replyLocation(latitude: number, longitude: number): void {
    if (!Number.isFinite(latitude) || Math.abs(latitude) > 90) {
      throw invalidReply('latitude must be in [-90, 90]', 'latitude');
    }
    if (!Number.isFinite(longitude) || Math.abs(longitude) > 180) {
      throw invalidReply('longitude must be in [-180, 180]', 'longitude');
    }
    this.#reply({ type: 'location', content: { latitude, longitude } });
  }

  replyJson(value: JsonValue): void {
    if (!isJsonValue(value)) throw invalidReply('a JSON reply must be a JSON value', 'value');
    this.#reply({ type: 'json', content: structuredClone(value) });
  }

  #reply(reply: Reply): void {
    this.draft.addReply(reply);
  }
}

/** NUL is refused in whatever becomes a history row's text, as in users' messages (PostgreSQL text cannot hold it). */
function checkText(text: unknown, field: string): string {
  if (typeof text !== 'string') throw invalidReply(`${field} must be a string`, field);
  if (text.includes('\u0000')) throw invalidReply(`${field} must not contain U+0000 (NUL)`, field);
  return text;
}

function checkFile(file: FileData, field: string): FileData {
  const ok = typeof file === 'object' && file !== null && [file.name, file.type, file.base64].every((part) => typeof part === 'string');
  if (!ok) throw invalidReply(`${field} must be {name, type, base64} strings`, field);
  checkText(file.name, `${field}.name`);
  return { name: file.name, type: file.type, base64: file.base64 };
}

function invalidReply(message: string, field: string): ParleyError {
  return new ParleyError('INVALID_ARGUMENT', `invalid reply: ${message}`, { field });
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array holding a non-JSON value (or itself)';
  if (typeof value !== 'object' || value === null) return String(value);
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype
    ? 'an object holding a non-JSON value (or itself)'
    : `an instance of ${(value.constructor as { name?: string } | undefined)?.name ?? 'a class'}`;
}
