/** The messages a training worker process sends back to the service, and how errors cross the process boundary. */
import { errorCodeOf, type JsonObject, ParleyError, type TrainProgressEvent } from '@parley/domain';

export interface SerializedError {
  code?: string;
  field?: string;
  message: string;
  stack?: string;
}

export type WorkerMessage =
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
