/**
 * The client side of the NLU service's API keys: a grpc-js client interceptor that sends the key as
 * `authorization: Bearer <key>` metadata on every call. (Call credentials would do the same, but grpc-js refuses
 * them on an insecure channel, and the services talk plaintext gRPC inside their network.)
 */
import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';

/** The metadata key the NLU service reads the key from. */
export const AUTHORIZATION_METADATA = 'authorization';

export function apiKeyInterceptor(key: string): Interceptor {
  return (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        metadata.set(AUTHORIZATION_METADATA, `Bearer ${key}`);
        next(metadata, listener);
      },
    });
}
