/**
 * The one translation of thrown errors into gRPC statuses. A ParleyError keeps its registered code and message
 * (and names its code and field in trailing metadata, which @parley/proto's parleyErrorFromGrpc reads back);
 * anything else is INTERNAL "internal error", its stack logged, never sent. Never UNKNOWN.
 */
import { status, type StatusObject } from '@grpc/grpc-js';
import { ERROR_CODES, isParleyError } from '@parley/domain';
import { errorMetadata } from '@parley/proto';
import type { Logger } from 'pino';

export function toGrpcStatus(error: unknown, logger: Logger, context: Record<string, unknown> = {}): StatusObject {
  if (isParleyError(error)) {
    if (error.code === 'INTERNAL') logger.error({ err: error, ...context }, 'internal error');
    return { code: ERROR_CODES[error.code].grpc, details: error.message, metadata: errorMetadata(error) };
  }
  logger.error({ err: error, ...context }, 'internal error');
  return { code: status.INTERNAL, details: 'internal error', metadata: errorMetadata({ code: 'INTERNAL', field: undefined }) };
}
