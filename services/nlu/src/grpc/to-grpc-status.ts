/**
 * The one translation of thrown errors into gRPC statuses. A ParleyError keeps its registered code and message
 * (and names its code and field in trailing metadata); anything else is INTERNAL "internal error", its stack
 * logged, never sent. Never UNKNOWN.
 */
import { Metadata, status, type StatusObject } from '@grpc/grpc-js';
import { ERROR_CODES, isParleyError } from '@parley/domain';
import type { Logger } from 'pino';

export const ERROR_CODE_METADATA = 'parley-error-code';
export const ERROR_FIELD_METADATA = 'parley-error-field';

export function toGrpcStatus(error: unknown, logger: Logger, context: Record<string, unknown> = {}): StatusObject {
  const metadata = new Metadata();
  if (isParleyError(error)) {
    metadata.set(ERROR_CODE_METADATA, error.code);
    if (error.field) metadata.set(ERROR_FIELD_METADATA, error.field);
    if (error.code === 'INTERNAL') logger.error({ err: error, ...context }, 'internal error');
    return { code: ERROR_CODES[error.code].grpc, details: error.message, metadata };
  }
  logger.error({ err: error, ...context }, 'internal error');
  metadata.set(ERROR_CODE_METADATA, 'INTERNAL');
  return { code: status.INTERNAL, details: 'internal error', metadata };
}
