/**
 * Options for every client of the NLU service (the dialogue service, the CLI, the benchmarks): the API key's
 * interceptor when there is a key, and a larger HTTP/2 flow-control window. grpc-js opens a connection with
 * HTTP/2's 64 KiB window and, unlike gRPC's C core (which grows it from bandwidth-delay probes), never grows it:
 * 32 Predict answers with a full 150-intent ranking in flight (5 KiB each) fill it, and the server then waits for a
 * WINDOW_UPDATE before it may send more. Measured on the 2-core machine while choosing it (bench/echo's server made to
 * answer 5 KiB strings, 12 interleaved rounds at 32 in flight): 0.80 of the small echo's calls/s with the default
 * window, 0.94 with this one. BENCHMARKS.md shows Predict from a client without these options.
 */
import type { ClientOptions } from '@grpc/grpc-js';
import { apiKeyInterceptor } from './api-key-interceptor';

export const NLU_FLOW_CONTROL_WINDOW_BYTES = 4 * 1024 * 1024;

export function nluClientOptions(apiKey?: string): ClientOptions {
  return {
    'grpc-node.flow_control_window': NLU_FLOW_CONTROL_WINDOW_BYTES,
    ...(apiKey === undefined ? {} : { interceptors: [apiKeyInterceptor(apiKey)] }),
  };
}
