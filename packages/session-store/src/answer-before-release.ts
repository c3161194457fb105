/**
 * Hands the caller of withLock fn's outcome as soon as fn settles, while the lock is released in the background:
 * the caller saves the release's round trip, and the next waiter still starts only after the release.
 */
export function answerBeforeRelease<T>(
  /** Runs `body` under the lock and releases it; rejects when the lock could not be had (body never ran). */
  hold: (body: () => Promise<void>) => Promise<void>,
  fn: () => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    hold(() => fn().then(resolve, reject)).catch(reject);
  });
}
