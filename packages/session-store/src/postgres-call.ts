/**
 * Runs a PostgreSQL call, turning "cannot reach or use the server" into STORE_UNAVAILABLE: network errors, pool
 * and query timeouts, and the SQLSTATE classes of connection, resources, shutdown, authentication and a missing
 * database. Any other SQL error is a bug and stays as it is.
 */
import { isParleyError } from '@parley/domain';
import { isSessionConflictError } from './session-conflict-error';
import { storeErrors } from './store-errors';

/** SQLSTATE prefixes: 08 connection, 53 insufficient resources, 57P shutdown, 28 authorization, 3D database. */
const UNAVAILABLE_STATE = /^(08|53|57P|28|3D)/;

export async function postgresCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw postgresFailure(error);
  }
}

export function postgresFailure(error: unknown): unknown {
  if (isParleyError(error) || isSessionConflictError(error)) return error;
  return isPostgresUnavailable(error) ? storeErrors.unavailable('PostgreSQL', error) : error;
}

/** Whether an error of the pg driver means "cannot reach or use the server" (rather than a bug in a statement). */
export function isPostgresUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  // Server errors carry a five-character SQLSTATE; anything else (ECONNREFUSED, timeouts, a terminated
  // connection) comes from the network or the driver.
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  return sqlState === undefined || UNAVAILABLE_STATE.test(sqlState);
}
