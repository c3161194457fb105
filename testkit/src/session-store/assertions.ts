/** Assertions on the store's two error kinds: a ParleyError with a code, and a SessionConflictError. */
import { expect } from 'vitest';
import { isParleyError } from '@parley/domain';
import { isSessionConflictError, type SessionStore } from '@parley/session-store';
import { turn } from './turns';

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

/** A store whose server cannot be reached answers STORE_UNAVAILABLE to every kind of call, and soon. */
export async function expectUnreachable(store: SessionStore): Promise<void> {
  const started = Date.now();
  await expectCode(store.ping(), 'STORE_UNAVAILABLE');
  await expectCode(store.get('x'), 'STORE_UNAVAILABLE');
  await expectCode(store.commit(turn('x', 1)), 'STORE_UNAVAILABLE');
  await expectCode(
    store.withLock('x', async () => 'ran'),
    'STORE_UNAVAILABLE',
  );
  expect(Date.now() - started).toBeLessThan(5_000);
}
