/**
 * What the NLU logs of an answered call: a slow one at warn level, every one at debug level, never one info line
 * per call. The caller's request id is looked up only when a line is written.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';

/** Only a short id of a log-safe alphabet is logged; anything else is dropped. */
export const LOGGABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,256}$/;

/** A call answered slower than this is logged at warn level, with its request id. */
const SLOW_CALL_MS = 500;
/** Calls whose work grows with their input (a whole evaluation set): their duration is no sign of trouble. */
const LONG_BY_NATURE = new Set(['Evaluate']);

export function logAnswer(logger: Logger, method: string, started: number, requestId: () => string | undefined, failure?: string): void {
  const ms = performance.now() - started;
  if (ms >= SLOW_CALL_MS && !LONG_BY_NATURE.has(method)) logger.warn({ method, requestId: requestId(), ms, failure }, 'slow call');
  else if (logger.isLevelEnabled('debug')) logger.debug({ method, requestId: requestId(), ms, failure }, 'call answered');
}
