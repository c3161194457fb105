/**
 * The error a commit throws when the session changed since it was read (or the message was already answered).
 * Behind `withLock` it means the lock was lost (an expired lease, a dropped connection): nothing was written, and
 * the caller may reload and retry.
 */
export class SessionConflictError extends Error {
  readonly sessionId: string;

  constructor(sessionId: string, reason: string) {
    super(`Session ${sessionId} changed since it was read: ${reason}; nothing was written`);
    this.name = 'SessionConflictError';
    this.sessionId = sessionId;
  }
}

export function isSessionConflictError(error: unknown): error is SessionConflictError {
  return error instanceof SessionConflictError;
}
