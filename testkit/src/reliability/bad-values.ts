/**
 * The bad values the matrices share, whatever the channel: wrong JSON types, malformed JSON, blank and odd texts,
 * texts holding NUL, lone surrogates, invalid UTF-8 byte sequences, bad idempotency keys, and huge or deeply
 * nested JSON.
 */

export const WRONG_TYPES: Array<[string, unknown]> = [
  ['number', 5],
  ['zero', 0],
  ['float', -1.5],
  ['true', true],
  ['false', false],
  ['null', null],
  ['empty array', []],
  ['array of string', ['x']],
  ['empty object', {}],
  ['object', { a: 'b' }],
];

export const MALFORMED_JSON = [
  '{',
  '{"text":}',
  "{'text':'hi'}",
  '{"text":"hi",}',
  '{"text":"hi"',
  'NaN',
  '{"text":"hi"} x',
  '{"text":"hi"}{"text":"hi"}',
  '// comment\n{}',
  '{"text":"\\x41"}',
  '{"text":"a\nb"}',
  '{"text": 01}',
];

export function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

export function manyKeys(count: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));
}

export const BLANK_TEXTS: Array<[string, string]> = [
  ['empty', ''],
  ['one space', ' '],
  ['spaces', '     '],
  ['tab', '\t'],
  ['newline', '\n'],
  ['CRLF', '\r\n'],
  ['vertical tab', '\u000b'],
  ['form feed', '\f'],
  ['no-break space', '\u00a0'],
  ['em space', '\u2003'],
  ['ideographic space', '\u3000'],
  ['line separator', '\u2028'],
  ['paragraph separator', '\u2029'],
  ['byte order mark', '\ufeff'],
  ['mixed white space', ' \t\n\u00a0\u3000 '],
  // One rule for "empty" (isBlankText): invisible format characters and controls carry nothing either.
  ['zero-width space only', '\u200b'],
  ['zero-width joiner and non-joiner', '\u200d\u200c'],
  ['word joiner', '\u2060'],
  ['soft hyphen', '\u00ad'],
  ['variation selector', '\ufe0f'],
  ['Hangul filler', '\u3164'],
  ['byte order mark and zero-width space', '\ufeff\u200b'],
  ['no-break and zero-width spaces', '\u00a0\u200b\u00a0'],
  ['control characters only', '\u0007\u001b\u007f'],
  ['NUL only', '\u0000'],
];

/**
 * Texts holding U+0000: refused alike on every channel and store (PostgreSQL's text cannot hold it; see
 * services/dialogue/src/turns/check-turn-request.ts). The NLU, which stores no text, classifies them.
 */
export const NUL_TEXTS: Array<[string, string]> = [
  ['NUL inside', 'a\u0000b'],
  ['NUL between words', 'hello\u0000world'],
  ['NUL at the end', 'hello\u0000'],
];

/** Texts that are unusual but valid: accepted, and kept in the history exactly as sent. */
export const ODD_TEXTS: Array<[string, string]> = [
  ['BEL', '\u0007bell'],
  ['ANSI escape', '\u001b[31mred\u001b[0m'],
  ['tab inside', 'tab\tinside'],
  ['newline inside', 'line\nbreak'],
  ['DEL', 'del\u007f'],
  ['C1 next line', 'next\u0085line'],
  ['right-to-left override', '\u202ehello'],
  ['zero-width space inside', 'zero\u200bwidth'],
  ['combining accent', 'cafe\u0301'],
  ['ligature', '\ufb01ne'],
  ['fullwidth letters', '\uff28\uff45\uff4c\uff4c\uff4f'],
  ['emoji', 'hello 👋🏽'],
  ['HTML', '<script>alert(1)</script>'],
  ['SQL', "'; DROP TABLE sessions; --"],
  ['JSON in text', '{"text": "nested"}'],
  ['percent-encoding', '%00%ff'],
];

/** Lone surrogates are not Unicode text: JSON can carry them as escapes, no store can keep them faithfully. */
export const LONE_SURROGATES: Array<[string, string]> = [
  ['lone high surrogate', '"\\ud800"'],
  ['lone low surrogate', '"\\udfff"'],
  ['high surrogate at the end', '"hello \\ud83d"'],
  ['low surrogate first', '"\\ude00 hello"'],
  ['surrogates reversed', '"\\ude00\\ud83d"'],
];

export const INVALID_UTF8: Array<[string, number[]]> = [
  ['byte 0xFF', [0xff]],
  ['byte 0xFE', [0xfe]],
  ['lone continuation byte', [0x80]],
  ['overlong NUL', [0xc0, 0x80]],
  ['encoded surrogate', [0xed, 0xa0, 0x80]],
  ['truncated 3-byte sequence', [0xe2, 0x82]],
  ['truncated 4-byte sequence', [0xf0, 0x9f, 0x98]],
  ['5-byte sequence', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['code point over U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
];

export function utf8Body(prefix: string, bytes: number[], suffix: string): Buffer {
  return Buffer.concat([Buffer.from(prefix), Buffer.from(bytes), Buffer.from(suffix)]);
}

export const BAD_MESSAGE_IDS: Array<[string, string]> = [
  ['empty', ''],
  ['with a space', 'has space'],
  ['129 characters', 'm'.repeat(129)],
  ['non-ASCII', 'ü'],
  ['with a slash', 'a/b'],
  ['with NUL', 'a\u0000'],
];
