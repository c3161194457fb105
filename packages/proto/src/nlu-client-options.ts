/**
 * Options for every client of the NLU service (the dialogue service, the CLI, the benchmarks): the API key's
 * interceptor when there is a key, and a larger HTTP/2 flow-control window. grpc-js opens a connection with
 * HTTP/2's 64 KiB window and, unlike gRPC's C core (which grows it from bandwidth-delay probes), never grows it:
 * 32 Predict answers with a full 150-intent ranking in flight (5 KiB each) fill it, and the server then waits for a
 * WINDOW_UPDATE before it may send more. `node bench/nlu/window.mjs` measures it with a bare echo answering 5 KiB
 * strings, at 32 in flight: 0.80–0.85 of the short echo's calls/s with the default window, 0.93–0.94 with this one
 * on the 2-core machine. BENCHMARKS.md shows Predict from a client without these options.
 */
import type { ClientOptions } from '@grpc/grpc-js';
import { apiKeyInterceptor } from './api-key-interceptor';

const NLU_FLOW_CONTROL_WINDOW_BYTES = 4 * 1024 * 1024;

export function nluClientOptions(apiKey?: string): ClientOptions {
  return {
    'grpc-node.flow_control_window': NLU_FLOW_CONTROL_WINDOW_BYTES,
    ...(apiKey === undefined ? {} : { interceptors: [apiKeyInterceptor(apiKey)] }),
  };
}
