/**
 * A failed NLU call back to the ParleyError the server threw, for every client (the CLI, the dialogue service,
 * tests). The server sends a ParleyError's registry code and field as trailing metadata under the keys below
 * (and in a PredictStreamError's fields); a status without them never reached Parley's code (the service was
 * down, or grpc-js failed the call itself) and is read from its gRPC status alone.
 */
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import { ParleyError, errorCodeOf, type ErrorCode } from '@parley/domain';
import type { PredictStreamError, PredictStreamError__Output } from './generated/parley/nlu/v1/PredictStreamError';

export const ERROR_CODE_METADATA = 'parley-error-code';
export const ERROR_FIELD_METADATA = 'parley-error-field';

/** What a failed call reports: a grpc-js ServiceError, a StatusObject, or a PredictStreamError as statusOfStreamError reads it. */
export interface GrpcFailure {
  code: number;
  details: string;
  metadata?: Metadata | undefined;
}

/** Statuses Parley's code did not send: the registry code each stands for. */
const CODE_OF_STATUS: Partial<Record<GrpcStatus, ErrorCode>> = {
  [GrpcStatus.UNAVAILABLE]: 'NLU_UNAVAILABLE',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'NLU_UNAVAILABLE',
  [GrpcStatus.CANCELLED]: 'CANCELED',
  [GrpcStatus.INVALID_ARGUMENT]: 'INVALID_ARGUMENT',
  [GrpcStatus.RESOURCE_EXHAUSTED]: 'RESOURCE_EXHAUSTED',
  [GrpcStatus.UNAUTHENTICATED]: 'UNAUTHENTICATED',
};

/**
 * The ParleyError behind a failed call: the server's registry code, message and field when it sent them;
 * otherwise the code its status stands for (NLU_UNAVAILABLE when the service did not answer, naming `call`, e.g.
 * "PredictStream" or an address). The gRPC failure is the error's `cause`.
 */
export function parleyErrorFromGrpc(failure: GrpcFailure, call: string): ParleyError {
  const sent = errorCodeOf(String(failure.metadata?.get(ERROR_CODE_METADATA)[0] ?? ''));
  if (sent) {
    const field = failure.metadata?.get(ERROR_FIELD_METADATA)[0];
    return new ParleyError(sent, failure.details, { ...(field === undefined ? {} : { field: String(field) }), cause: failure });
  }
  const code = CODE_OF_STATUS[failure.code as GrpcStatus] ?? 'INTERNAL';
  const message =
    code === 'NLU_UNAVAILABLE'
      ? `the NLU service did not answer (${call}: ${GrpcStatus[failure.code]}: ${failure.details})`
      : `${call}: ${failure.details}`;
  return new ParleyError(code, message, { cause: failure });
}

/** The trailing metadata a refused call carries: the error's registry code and field. */
export function errorMetadata(error: Pick<ParleyError, 'code' | 'field'>): Metadata {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA, error.code);
  if (error.field) metadata.set(ERROR_FIELD_METADATA, error.field);
  return metadata;
}

/** A refused PredictStream request's answer: the status Predict would have failed with, code and field included. */
export function streamErrorOfStatus(failure: Required<GrpcFailure>): PredictStreamError {
  const [errorCode = '', field = ''] = [ERROR_CODE_METADATA, ERROR_FIELD_METADATA].map((key) => String(failure.metadata.get(key)[0] ?? ''));
  return { code: failure.code, details: failure.details, errorCode, field };
}

/** A PredictStreamError as the status Predict would have failed with, for parleyErrorFromGrpc. */
export function statusOfStreamError(error: PredictStreamError__Output): Required<GrpcFailure> {
  const metadata = new Metadata();
  if (error.errorCode !== '') metadata.set(ERROR_CODE_METADATA, error.errorCode);
  if (error.field !== '') metadata.set(ERROR_FIELD_METADATA, error.field);
  return { code: error.code, details: error.details, metadata };
}
