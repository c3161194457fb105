/** Assertions on the store's two error kinds: a ParleyError with a code, and a SessionConflictError. */
import { expect } from 'vitest';
import { isParleyError } from '@parley/domain';
import { isSessionConflictError } from '@parley/session-store';

export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(codeOf(error), `expected ParleyError ${code}, got ${String(error)}`).toBe(code);
}

export async function expectConflict(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isSessionConflictError(error), `expected a SessionConflictError, got ${String(error)}`).toBe(true);
}

export function codeOf(error: unknown): string | undefined {
  return isParleyError(error) ? error.code : undefined;
}
