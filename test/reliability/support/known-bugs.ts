/**
 * Open bugs outside the reliability suite's files (the dialogue service, the domain, @parley/nlu) that some cases
 * still show.
 * Each such case runs as `it.fails`: it passes while the bug is there and fails once the bug is fixed, when its
 * entry goes. The summaries count these cases apart (knownBugs), never as passed. RELIABILITY.md lists them.
 */
export interface KnownBug {
  id: string;
  /** Which case names show it (the full name, with its "[store]" label). */
  cases: RegExp;
  bug: string;
}

export const KNOWN_BUGS: KnownBug[] = [
  {
    id: 'D1',
    cases: /(message|event): (lone (high|low) surrogate|high surrogate at the end|low surrogate first|surrogates reversed|lone surrogate in)|user_(message|event|file): lone surrogate/,
    bug: 'Text with lone surrogates (JSON escapes such as "\\ud800") is accepted: kept as-is by memory and Redis, turned into U+FFFD by SQLite, 500 INTERNAL on PostgreSQL. Expected 400 INVALID_ARGUMENT naming the field (String.prototype.isWellFormed).',
  },
  {
    id: 'D2',
    cases: /message: invalid UTF-8: truncated 4-byte sequence/,
    bug: 'A REST body with invalid UTF-8 whose U+FFFD replacement happens to keep the byte count is accepted with U+FFFD in the text; other invalid bodies are refused only because the decoded length no longer matches Content-Length. Expected 400 INVALID_ARGUMENT naming body for every invalid UTF-8 body (parse as a buffer, check isUtf8, as the WebSocket channel does).',
  },
  {
    id: 'D3',
    cases: /params (object )?nested (20k|50k|100k|300k) levels/,
    bug: 'Deeply nested event params overflow the stack in the recursive isJsonValue (domain) → 500 INTERNAL over REST, an INTERNAL error frame over WebSocket. Expected 400 INVALID_ARGUMENT naming params (a nesting limit).',
  },
  {
    id: 'D4',
    cases: /session id with 129 characters|session with a valid 1(01|28)-character id/,
    bug: "fastify's router refuses path parameters over 100 characters (find-my-way maxParamLength) with 404 ROUTE_NOT_FOUND, though the documented id pattern allows 128: a session created with a 101–128-character id cannot be reached over REST. Expected: maxParamLength ≥ 128 (then 129 characters is a 400 naming id).",
  },
  {
    id: 'D5',
    cases: /history: \?offset=1e400/,
    bug: 'GET /v1/sessions/:id/history?offset=1e400 coerces offset to Infinity, which passes the integer schema; serialising the page then fails → 500 INTERNAL. Expected 400 INVALID_ARGUMENT naming offset.',
  },
  {
    id: 'D6',
    cases: /create: body null/,
    bug: 'POST /v1/sessions with the JSON body `null` creates a session (the preValidation hook turns null into {}). Expected 400 "body: must be object"; only an empty body means "no body".',
  },
  {
    id: 'N1',
    cases: /(Train|StartTraining): (unknown hyper-parameter|hyper-parameter out of range)/,
    bug: 'A definition with an unknown or out-of-range hyper-parameter (config.hyperParameters {"epoch": 5}) is accepted by Train/StartTraining and only fails inside the trainer (a FAILED job, status OK), because resolveHyperParameters runs in trainModel alone. Expected INVALID_ARGUMENT naming config.hyperParameters up front (check it in parseDefinition, or export it from @parley/nlu for the service to call, as it now does for the language).',
  },
];

export function knownBug(name: string): KnownBug | undefined {
  return KNOWN_BUGS.find((entry) => entry.cases.test(name));
}
