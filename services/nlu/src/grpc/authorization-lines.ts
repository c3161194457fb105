/**
 * Counts a call's `authorization` header lines, which metadata cannot show: Node's HTTP/2 server keeps only the
 * first line of a single-value header such as authorization and drops the others, so a call sending two keys would
 * be judged on the first alone. The NLU refuses such ambiguous credentials instead (require-api-key.ts): a server
 * made by `countingAuthorizationLines` records the count, when above one, in the metadata entry
 * AUTHORIZATION_LINES_METADATA, before grpc-js reads the headers.
 *
 * grpc-js hands Node's stream event (stream, headers, flags, raw header list) to a stream handler that reads only
 * the headers object, so the count is taken by wrapping that handler: a grpc-js internal, checked here at start-up
 * (a missing handler throws) and end to end by a test sending two keys from Python.
 */
import type { Server } from '@grpc/grpc-js';
import { AUTHORIZATION_METADATA } from '@parley/proto';

export const AUTHORIZATION_LINES_METADATA = 'parley-authorization-lines';

/** grpc-js's stream handlers: one without channelz, one with (the default). */
const STREAM_HANDLERS = ['_streamHandler', '_channelzHandler'] as const;

type StreamHandler = (extraInterceptors: unknown, stream: unknown, headers: Record<string, unknown>, ...rest: unknown[]) => void;

export function countingAuthorizationLines(server: Server): Server {
  const handlers = server as unknown as Record<string, StreamHandler>;
  for (const name of STREAM_HANDLERS) {
    const original = handlers[name];
    if (typeof original !== 'function') throw new Error(`@grpc/grpc-js has no Server.${name}: update authorization-lines.ts`);
    handlers[name] = function (this: Server, extraInterceptors, stream, headers, flags, rawHeaders, ...rest) {
      const lines = authorizationLines(rawHeaders);
      // A client can send this entry itself: it can only get its own call refused.
      delete headers[AUTHORIZATION_LINES_METADATA];
      if (lines > 1) headers[AUTHORIZATION_LINES_METADATA] = String(lines);
      original.call(this, extraInterceptors, stream, headers, flags, rawHeaders, ...rest);
    };
  }
  return server;
}

/** Node's raw header list alternates names and values. */
function authorizationLines(rawHeaders: unknown): number {
  if (!Array.isArray(rawHeaders)) return 0;
  let lines = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (String(rawHeaders[i]).toLowerCase() === AUTHORIZATION_METADATA) lines += 1;
  }
  return lines;
}
