/** A gRPC client of the NLU service for the CLI (sending PARLEY_NLU_API_KEY when set), with promise-returning calls and deadlines. */
import { credentials, type CallOptions, type ServiceError } from '@grpc/grpc-js';
import { loadNluPackage, nluClientOptions, parleyErrorFromGrpc, type nluV1 } from '@parley/proto';
import type { CliConfig } from '../config';

export type NluClient = nluV1.NluClient;

export function createNluClient(config: Pick<CliConfig, 'nluAddress' | 'nluApiKey'>): NluClient {
  const { grpcObject } = loadNluPackage();
  return new grpcObject.parley.nlu.v1.Nlu(config.nluAddress, credentials.createInsecure(), {
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    ...nluClientOptions(config.nluApiKey),
  });
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
      if (error) reject(parleyErrorFromGrpc(error, address));
      else resolve(response as Res);
    });
  });
}
