/**
 * Request bytes that are not a valid protobuf message are the client's fault, yet grpc-js answers a request its
 * deserializer cannot decode with INTERNAL (and protobufjs decodes some malformed bytes into a made-up request).
 * Services added through `addTolerantService` check the bytes' structure first and decode into a MalformedRequest
 * marker when they are malformed; their unary and server-streaming handlers answer it with INVALID_ARGUMENT
 * (through toGrpcStatus, like any bad input) before the handler runs. Handlers of request streams receive the
 * marker among the stream's messages and answer it themselves (predict-streams.ts).
 */
import type { Server, ServiceDefinition } from '@grpc/grpc-js';
import { ParleyError } from '@parley/domain';
import type { Logger } from 'pino';
import { protobufWireProblem } from '@parley/proto';
import { toGrpcStatus } from './to-grpc-status';

export class MalformedRequest {
  constructor(readonly reason: string) {}
}

type Handler = (call: { request: unknown; emit(event: 'error', status: unknown): boolean }, callback?: (error: unknown) => void) => void;

export function addTolerantService(server: Server, definition: ServiceDefinition, implementation: object, logger: Logger): void {
  const tolerant: Record<string, ServiceDefinition[string]> = {};
  const guarded: Record<string, Handler> = {};
  for (const [name, method] of Object.entries(definition)) {
    const handler = handlerOf(implementation, name, method.originalName);
    if (handler === undefined) {
      tolerant[name] = method;
      continue;
    }
    tolerant[name] = { ...method, requestDeserialize: (bytes: Buffer) => decodeOrMark(method.requestDeserialize, bytes) };
    if (method.requestStream) {
      guarded[name] = handler;
      continue;
    }
    guarded[name] = (call, callback) => {
      if (!(call.request instanceof MalformedRequest)) return handler(call, callback);
      const status = toGrpcStatus(malformedRequestError(call.request), logger, { method: name });
      if (method.responseStream) call.emit('error', status);
      else callback?.(status);
    };
  }
  server.addService(tolerant as ServiceDefinition, guarded);
}

function decodeOrMark(deserialize: (bytes: Buffer) => unknown, bytes: Buffer): unknown {
  const problem = protobufWireProblem(bytes);
  if (problem !== undefined) return new MalformedRequest(problem);
  try {
    return deserialize(bytes);
  } catch (error) {
    return new MalformedRequest(error instanceof Error ? error.message : String(error));
  }
}

export function malformedRequestError(request: MalformedRequest): ParleyError {
  return new ParleyError('INVALID_ARGUMENT', `request: the bytes are not a valid protobuf message of this method (${request.reason})`, {
    field: 'request',
  });
}

function handlerOf(implementation: object, name: string, originalName: unknown): Handler | undefined {
  const byName = (implementation as Record<string, unknown>)[name];
  const byOriginal = typeof originalName === 'string' ? (implementation as Record<string, unknown>)[originalName] : undefined;
  const handler = byName ?? byOriginal;
  return typeof handler === 'function' ? (handler as Handler) : undefined;
}
