/**
 * The errors every adapter throws for the same situations, worded the same way, so callers and tests see one
 * behaviour whatever the backend.
 */
import { ParleyError } from '@parley/domain';
import { SessionConflictError } from './session-conflict-error';

export const storeErrors = {
  exists(id: string): ParleyError {
    return new ParleyError('SESSION_EXISTS', `A session with id ${id} already exists`, { field: 'id' });
  },
  notFound(id: string): ParleyError {
    return new ParleyError('SESSION_NOT_FOUND', `No session with id ${id} (or it expired)`, { field: 'id' });
  },
  versionConflict(id: string, expected: number): SessionConflictError {
    return new SessionConflictError(id, `the stored version is not ${expected}`);
  },
  answered(id: string, messageId: string): SessionConflictError {
    return new SessionConflictError(id, `message ${messageId} already has an answer`);
  },
  unavailable(backend: string, cause: unknown): ParleyError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ParleyError('STORE_UNAVAILABLE', `The ${backend} session store is unavailable: ${reason}`, { cause });
  },
  schemaTooNew(backend: string, found: number, known: number): ParleyError {
    return new ParleyError(
      'STORE_UNAVAILABLE',
      `The ${backend} session store holds schema version ${found}, newer than this Parley knows (${known}): upgrade Parley`,
    );
  },
  lockTimeout(backend: string, id: string, waitMs: number): ParleyError {
    return new ParleyError('STORE_UNAVAILABLE', `The ${backend} session store did not grant the lock of session ${id} within ${waitMs} ms`);
  },
};
