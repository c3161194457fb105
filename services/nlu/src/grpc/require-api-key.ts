/**
 * API keys on the NLU service: a grpc-js server interceptor that answers UNAUTHENTICATED, before the request is
 * read, to any call without exactly one `authorization: Bearer <key>` naming a configured key (several authorization
 * lines are refused, not judged on the first: authorization-lines.ts counts them). Health checks and
 * server reflection stay open, so orchestrators and `grpcurl list` need no key: they reveal that the service is
 * up and the published .proto, nothing else.
 */
import { type Metadata, ServerInterceptingCall, ServerListenerBuilder, ResponderBuilder, type ServerInterceptor } from '@grpc/grpc-js';
import { type ApiKeySet, bearerToken, ParleyError } from '@parley/domain';
import { AUTHORIZATION_METADATA } from '@parley/proto';
import type { Logger } from 'pino';
import { AUTHORIZATION_LINES_METADATA } from './authorization-lines';
import { toGrpcStatus } from './to-grpc-status';

/** Method paths (`/package.Service/Method`) under these prefixes need no key. */
const OPEN_SERVICES = ['/grpc.health.v1.Health/', '/grpc.reflection.v1.ServerReflection/', '/grpc.reflection.v1alpha.ServerReflection/'];

export function requireApiKey(keys: ApiKeySet, logger: Logger): ServerInterceptor {
  return (method, call) => {
    if (OPEN_SERVICES.some((prefix) => method.path.startsWith(prefix))) return new ServerInterceptingCall(call);
    const listener = new ServerListenerBuilder()
      .withOnReceiveMetadata((metadata, next) => {
        if (authorizationLines(metadata) <= 1 && keys.identify(presentedKey(metadata)) !== undefined) {
          next(metadata);
          return;
        }
        // Not passing the metadata on means the request is never read and the handler never runs.
        logger.info({ method: method.path, peer: call.getPeer() }, 'call refused: no valid API key');
        call.sendStatus(toGrpcStatus(unauthenticated(metadata), logger));
      })
      .build();
    return new ServerInterceptingCall(call, new ResponderBuilder().withStart((next) => next(listener)).build());
  };
}

function presentedKey(metadata: Metadata): string | undefined {
  const [value] = metadata.get(AUTHORIZATION_METADATA);
  return typeof value === 'string' ? bearerToken(value) : undefined;
}

/** How many authorization lines the call carried, when more than one (authorization-lines.ts counts them). */
function authorizationLines(metadata: Metadata): number {
  const [lines] = metadata.get(AUTHORIZATION_LINES_METADATA);
  return typeof lines === 'string' ? Number(lines) : metadata.get(AUTHORIZATION_METADATA).length;
}

function unauthenticated(metadata: Metadata): ParleyError {
  const lines = authorizationLines(metadata);
  if (lines > 1) {
    return new ParleyError('UNAUTHENTICATED', `authorization: sent ${lines} times; send exactly one "authorization: Bearer <key>"`, {
      field: 'authorization',
    });
  }
  const given = lines > 0;
  const message = given
    ? 'authorization: the API key is not valid (expected "Bearer <key>" with a key from PARLEY_NLU_API_KEYS)'
    : 'authorization: an API key is required; send the metadata "authorization: Bearer <key>"';
  return new ParleyError('UNAUTHENTICATED', message, { field: 'authorization' });
}
