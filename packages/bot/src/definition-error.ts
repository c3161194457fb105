/** Builds the error every definition-time mistake throws, so they all share one code and name their field. */
import { ParleyError } from '@parley/domain';

export function definitionError(message: string, field: string): ParleyError {
  return new ParleyError('INVALID_DEFINITION', message, { field });
}

/** Names must be non-empty strings: they become model, scope and state names on the wire. */
export function checkName(name: unknown, what: string, field: string): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '') {
    const got = JSON.stringify(name) ?? String(name);
    throw definitionError(`${what} name must be a non-empty string, got ${got}`, field);
  }
}
