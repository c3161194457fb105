/**
 * The one registry of Parley's error codes. Each edge (gRPC, HTTP, CLI) translates a ParleyError through this
 * table and nowhere else. docs/errors.md documents every code; a test checks it does.
 */

/** gRPC status numbers (from grpc's status.proto), kept here so the domain needs no gRPC import. */
export const GrpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export interface ErrorCodeSpec {
  grpc: number;
  http: number;
  description: string;
}

export const ERROR_CODES = {
  INVALID_ARGUMENT: {
    grpc: GrpcStatus.INVALID_ARGUMENT,
    http: 400,
    description: 'A field is missing, of the wrong type or out of range; the message names it.',
  },
  TEXT_EMPTY: {
    grpc: GrpcStatus.INVALID_ARGUMENT,
    http: 400,
    description: 'The text holds no visible character: it is empty, or only white space, invisible format characters or controls.',
  },
  TEXT_TOO_LONG: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400, description: 'The text is longer than the configured limit.' },
  INVALID_DEFINITION: {
    grpc: GrpcStatus.INVALID_ARGUMENT,
    http: 400,
    description: 'The bot definition is malformed; the message names the offending field.',
  },
  TRAINING_LIMIT: {
    grpc: GrpcStatus.INVALID_ARGUMENT,
    http: 400,
    description: 'The definition asks for more training than a limit allows; the message names the field and the limit.',
  },
  ENCODER_UNAVAILABLE: {
    grpc: GrpcStatus.FAILED_PRECONDITION,
    http: 503,
    description: 'The definition demands a sentence encoder (config.encoder) that this NLU process cannot run.',
  },
  INVALID_VARIABLE: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 400, description: 'A session variable is not a JSON value.' },
  MODEL_NOT_FOUND: { grpc: GrpcStatus.NOT_FOUND, http: 404, description: 'No model, version or alias of that name.' },
  SCOPE_NOT_FOUND: { grpc: GrpcStatus.NOT_FOUND, http: 404, description: 'The model has no scope of that name.' },
  JOB_NOT_FOUND: { grpc: GrpcStatus.NOT_FOUND, http: 404, description: 'No training job of that id.' },
  SESSION_NOT_FOUND: { grpc: GrpcStatus.NOT_FOUND, http: 404, description: 'No session of that id (or it expired).' },
  ROUTE_NOT_FOUND: { grpc: GrpcStatus.UNIMPLEMENTED, http: 404, description: 'No route for that method and path.' },
  SESSION_EXISTS: { grpc: GrpcStatus.ALREADY_EXISTS, http: 409, description: 'A session with that id already exists.' },
  MODEL_TRAINING: {
    grpc: GrpcStatus.FAILED_PRECONDITION,
    http: 409,
    description: 'The model has no finished version yet: it is still training.',
  },
  JOB_FINISHED: { grpc: GrpcStatus.FAILED_PRECONDITION, http: 409, description: 'The job has already finished and cannot be canceled.' },
  MODEL_TOO_LARGE: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 507, description: 'The model alone is larger than the memory cap.' },
  RESOURCE_EXHAUSTED: {
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    http: 429,
    description: 'A limit was reached (batch or example counts, frames queued on a socket).',
  },
  TRAINING_QUEUE_FULL: {
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    http: 429,
    description: 'Every training slot is busy and the queue of waiting trainings is full; retry later.',
  },
  RATE_LIMITED: {
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    http: 429,
    description: 'Too many requests from this API key or client address; retry after the Retry-After seconds.',
  },
  PAYLOAD_TOO_LARGE: { grpc: GrpcStatus.RESOURCE_EXHAUSTED, http: 413, description: 'The request body is larger than the limit.' },
  HEADERS_TOO_LARGE: {
    grpc: GrpcStatus.RESOURCE_EXHAUSTED,
    http: 431,
    description: 'The request line and headers are larger than the server accepts.',
  },
  REQUEST_TIMEOUT: {
    grpc: GrpcStatus.DEADLINE_EXCEEDED,
    http: 408,
    description: 'The request (headers and body) did not arrive within the request timeout.',
  },
  UNSUPPORTED_MEDIA_TYPE: { grpc: GrpcStatus.INVALID_ARGUMENT, http: 415, description: 'The body is not application/json.' },
  UNAUTHENTICATED: { grpc: GrpcStatus.UNAUTHENTICATED, http: 401, description: 'A valid API key is required.' },
  CANCELED: { grpc: GrpcStatus.CANCELLED, http: 499, description: 'The operation was canceled.' },
  NLU_UNAVAILABLE: {
    grpc: GrpcStatus.UNAVAILABLE,
    http: 503,
    description: 'The NLU service could not be reached or did not answer in time; the session is unchanged.',
  },
  STORE_UNAVAILABLE: {
    grpc: GrpcStatus.UNAVAILABLE,
    http: 503,
    description: 'The session store could not be reached; the session is unchanged.',
  },
  SERVICE_STARTING: {
    grpc: GrpcStatus.UNAVAILABLE,
    http: 503,
    description: "The service is starting: the bot's model is not ready yet; retry after the Retry-After seconds, with the same messageId.",
  },
  MODEL_STORE_UNAVAILABLE: {
    grpc: GrpcStatus.UNAVAILABLE,
    http: 503,
    description: 'The model store (PostgreSQL) could not be reached; models already in memory keep answering.',
  },
  DIALOGUE_UNAVAILABLE: {
    grpc: GrpcStatus.UNAVAILABLE,
    http: 503,
    description: 'The dialogue service could not be reached (a client of its REST API, such as the parley CLI, reports it).',
  },
  SHUTTING_DOWN: {
    grpc: GrpcStatus.UNAVAILABLE,
    http: 503,
    description: 'The service is shutting down; retry the request, with the same messageId, on another replica.',
  },
  BOT_ERROR: {
    grpc: GrpcStatus.INTERNAL,
    http: 500,
    description: "The bot's own code threw (a body, fallback body or condition); reported in the turn's errors, the turn answering 200.",
  },
  INTERNAL: { grpc: GrpcStatus.INTERNAL, http: 500, description: 'An unexpected error; details are in the log, not the answer.' },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure with a registered code. `field` names the offending input field, when there is one. */
export class ParleyError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ParleyError';
    this.code = code;
    this.field = options.field;
  }

  get spec(): ErrorCodeSpec {
    return ERROR_CODES[this.code];
  }
}

export function isParleyError(error: unknown): error is ParleyError {
  return error instanceof ParleyError;
}

/** The registered code of that name, or undefined: for codes that come back as strings (worker messages, the wire). */
export function errorCodeOf(name: string): ErrorCode | undefined {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, name) ? (name as ErrorCode) : undefined;
}
