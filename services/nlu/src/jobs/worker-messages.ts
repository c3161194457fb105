/** The messages between the service and a training worker process, and how errors cross the process boundary. */
import { errorCodeOf, type BotDefinition, type JsonObject, ParleyError, type TrainProgressEvent } from '@parley/domain';

export interface SerializedError {
  code?: string;
  field?: string;
  message: string;
  stack?: string;
}

/**
 * The service's messages: the definition first (with the encoder's identity when the training uses one), then, for
 * an encoder, the vectors of the texts training asked for. The service encodes on its encoder threads (and their
 * cache) while the worker trains the n-gram bag.
 */
export type ServiceMessage =
  | { type: 'train'; definition: BotDefinition; encoder?: { identity: string; dimension: number } }
  | { type: 'vectors'; texts: string[]; vectors: Float32Array[] }
  | { type: 'vectors-failed'; error: SerializedError };

export type WorkerMessage =
  | { type: 'encode'; texts: string[] }
  | { type: 'progress'; event: TrainProgressEvent }
  | { type: 'done'; manifest: JsonObject; weights: Uint8Array }
  | { type: 'error'; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ParleyError) return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  if (error instanceof Error) return { message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { message: String(error) };
}

/** ParleyErrors come back as themselves; anything else as a plain Error keeping the worker's stack. */
export function deserializeError(serialized: SerializedError): Error {
  const code = serialized.code === undefined ? undefined : errorCodeOf(serialized.code);
  if (code) return new ParleyError(code, serialized.message, serialized.field === undefined ? {} : { field: serialized.field });
  const error = new Error(serialized.message);
  if (serialized.stack) error.stack = serialized.stack;
  return error;
}
