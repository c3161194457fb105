/**
 * A gRPC client that sends bytes as they are: a grpc-js Client with pass-through serializers, so a test can send
 * any request (encoded with the method's own serializer, or raw malformed bytes) to any method path and read the
 * status that comes back, for unary and server-streaming methods alike, and a Predict request through PredictStream.
 */
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { loadNluPackage, type nluV1, NLU_SERVICE } from '@parley/proto';

export { NLU_SERVICE };

export interface GrpcAnswer {
  code: number;
  /** The status name: OK, INVALID_ARGUMENT, … */
  status: string;
  details: string;
  metadata: Metadata;
  /** Response messages, still encoded. */
  messages: Buffer[];
}

const passThrough = (bytes: Buffer): Buffer => bytes;

export interface CallOptions {
  deadlineMs?: number;
  metadata?: Metadata;
  /** Each message of a server stream, as it arrives. */
  onMessage?: (message: Buffer) => void;
}

type MethodDefinition = {
  path: string;
  responseStream: boolean;
  requestSerialize(value: unknown): Buffer;
  responseDeserialize(bytes: Buffer): unknown;
};

function nluMethod(method: string): MethodDefinition {
  const service = loadNluPackage().definition[NLU_SERVICE] as unknown as Record<string, MethodDefinition> | undefined;
  const definition = service?.[method];
  if (!definition) throw new Error(`no method ${method} in ${NLU_SERVICE}`);
  return definition;
}

/** The request as the method's serializer encodes it (a plain object with the generated field names). */
export function encodeRequest(method: string, request: object): Buffer {
  return nluMethod(method).requestSerialize(request);
}

export function decodeResponse<T>(method: string, bytes: Buffer): T {
  return nluMethod(method).responseDeserialize(bytes) as T;
}

function encodeResponse(method: string, response: object): Buffer {
  return (nluMethod(method) as MethodDefinition & { responseSerialize(value: unknown): Buffer }).responseSerialize(response);
}

/**
 * PredictStreamRequest { id: 7 (field 1, varint), request: `predictRequest` (field 2, bytes) }, encoded by hand so
 * that a Predict request's bytes go in as they are.
 */
export function predictStreamMessage(predictRequest: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x08, 0x07, 0x12]), varint(predictRequest.length), predictRequest]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

export class RawGrpcClient {
  private readonly client: Client;

  constructor(address: string) {
    this.client = new Client(address, credentials.createInsecure(), {
      'grpc.max_send_message_length': -1,
      'grpc.max_receive_message_length': -1,
    });
  }

  /** Calls `path` (/package.Service/Method) with `bytes`; server streams are read to their end. */
  call(path: string, bytes: Buffer, options: CallOptions & { stream?: boolean } = {}): Promise<GrpcAnswer> {
    const metadata = options.metadata ?? new Metadata();
    const callOptions = { deadline: Date.now() + (options.deadlineMs ?? 15_000) };
    return new Promise((resolve) => {
      const messages: Buffer[] = [];
      const settle = (error: ServiceError | null): void => {
        const code = error?.code ?? status.OK;
        resolve({
          code,
          status: status[code] ?? String(code),
          details: error?.details ?? '',
          metadata: error?.metadata ?? new Metadata(),
          messages,
        });
      };
      if (options.stream) {
        const call = this.client.makeServerStreamRequest(path, passThrough, passThrough, bytes, metadata, callOptions);
        call.on('data', (message: Buffer) => {
          messages.push(message);
          options.onMessage?.(message);
        });
        call.on('error', (error: ServiceError) => settle(error));
        call.on('end', () => settle(null));
        return;
      }
      this.client.makeUnaryRequest(path, passThrough, passThrough, bytes, metadata, callOptions, (error, response) => {
        if (response) messages.push(response);
        settle(error);
      });
    });
  }

  /**
   * Sends one message on a PredictStream — a Predict request (a plain object) wrapped as id 7, or the stream
   * message's bytes as they are — and reads the answer. A refusal becomes the status: the stream's own status when
   * the server ended the stream (bytes that are not a stream message), else the status in the answer.
   */
  predictStream(request: object | Buffer, options: CallOptions = {}): Promise<GrpcAnswer> {
    const bytes = Buffer.isBuffer(request) ? request : predictStreamMessage(encodeRequest('Predict', request));
    const metadata = options.metadata ?? new Metadata();
    return new Promise((resolve) => {
      const messages: Buffer[] = [];
      const call = this.client.makeBidiStreamRequest(nluMethod('PredictStream').path, passThrough, passThrough, metadata, {
        deadline: Date.now() + (options.deadlineMs ?? 15_000),
      });
      call.on('data', (message: Buffer) => messages.push(message));
      call.on('error', (error: ServiceError) => {
        resolve({
          code: error.code,
          status: status[error.code] ?? String(error.code),
          details: error.details,
          metadata: error.metadata,
          messages,
        });
      });
      call.on('end', () => {
        const [message] = messages;
        const answer = message && decodeResponse<nluV1.PredictStreamResponse__Output>('PredictStream', message);
        const code = answer?.error ? answer.error.code : answer?.prediction ? status.OK : status.UNKNOWN;
        const prediction = answer?.prediction ? [encodeResponse('Predict', answer.prediction)] : [];
        resolve({
          code,
          status: status[code] ?? String(code),
          details: answer?.error?.details ?? '',
          metadata: new Metadata(),
          messages: prediction,
        });
      });
      call.write(bytes);
      call.end();
    });
  }

  /** Calls a method of the Nlu service by name. */
  nlu(method: string, request: object | Buffer, options: CallOptions = {}): Promise<GrpcAnswer> {
    const definition = nluMethod(method);
    const bytes = Buffer.isBuffer(request) ? request : definition.requestSerialize(request);
    return this.call(definition.path, bytes, { ...options, stream: definition.responseStream });
  }

  close(): void {
    this.client.close();
  }
}
