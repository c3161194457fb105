/** A gRPC client of the NLU service for the CLI (sending PARLEY_NLU_API_KEY when set), with promise-returning calls and deadlines. */
import { credentials, status as GrpcStatus, type CallOptions, type ServiceError } from '@grpc/grpc-js';
import { ParleyError, errorCodeOf } from '@parley/domain';
import { loadNluPackage, nluClientOptions, type nluV1 } from '@parley/proto';
import type { CliConfig } from '../config';
import { ERROR_CODE_METADATA, ERROR_FIELD_METADATA } from '../grpc/to-grpc-status';

export type NluClient = nluV1.NluClient;

export function createNluClient(config: Pick<CliConfig, 'nluAddress' | 'nluApiKey'>): NluClient {
  const { grpcObject } = loadNluPackage();
  return new grpcObject.parley.nlu.v1.Nlu(config.nluAddress, credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    ...nluClientOptions(config.nluApiKey),
  });
}

/** A gRPC failure as the ParleyError the server threw, or NLU_UNAVAILABLE when the server was not reached. */
export function fromServiceError(error: ServiceError, address: string): ParleyError {
  const code = errorCodeOf(String(error.metadata?.get(ERROR_CODE_METADATA)[0] ?? ''));
  const field = error.metadata?.get(ERROR_FIELD_METADATA)[0];
  if (code) return new ParleyError(code, error.details, field === undefined ? {} : { field: String(field) });
  const unreachable = error.code === GrpcStatus.UNAVAILABLE || error.code === GrpcStatus.DEADLINE_EXCEEDED;
  return new ParleyError(
    unreachable ? 'NLU_UNAVAILABLE' : 'INTERNAL',
    unreachable ? `the NLU service at ${address} did not answer (${error.details}); is it running? (PARLEY_NLU_ADDRESS)` : error.details,
  );
}

type Callback<Res> = (error: ServiceError | null, response?: Res) => void;

/** Runs one unary call with a deadline: `invoke` passes the options and callback to the generated method. */
export function callUnary<Res>(
  address: string,
  invoke: (options: CallOptions, callback: Callback<Res>) => unknown,
  timeoutMs = 30_000,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    invoke({ deadline: new Date(Date.now() + timeoutMs) }, (error, response) => {
      if (error) reject(fromServiceError(error, address));
      else resolve(response as Res);
    });
  });
}
