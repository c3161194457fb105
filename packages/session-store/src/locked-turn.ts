/**
 * `lockedTurn` built from a store's own withLock, loadTurn, commit and reset: what every store without a cheaper
 * combined form does.
 */
import type { LoadTurnOptions, SessionStore, TurnSnapshot, TurnWriter } from './session-store';

export function lockedTurnOf<T>(
  store: SessionStore,
  id: string,
  load: LoadTurnOptions,
  fn: (snapshot: TurnSnapshot, writer: TurnWriter) => Promise<T>,
): Promise<T> {
  return store.withLock(id, async () => fn(await store.loadTurn(id, load), store));
}
