/**
 * PredictStream: Predict over long-lived bidirectional streams. Each request is answered once, with its id, as
 * soon as its prediction is ready; a refused request is answered with the status Predict would have failed with,
 * and the stream stays open. Bytes that are not a request end the stream with INVALID_ARGUMENT (there is no id to
 * answer). On shutdown the server ends every open stream once it has answered what was asked, so clients reopen
 * theirs (on another replica) instead of holding the shutdown for its grace period.
 */
import { performance } from 'node:perf_hooks';
import type { ServerDuplexStream } from '@grpc/grpc-js';
import { predictionToWire, streamErrorOfStatus, type nluV1 } from '@parley/proto';
import type { Logger } from 'pino';
import type { NluService } from '../service/nlu-service';
import { LOGGABLE_REQUEST_ID, logAnswer } from './call-log';
import { MalformedRequest, malformedRequestError } from './malformed-requests';
import { toGrpcStatus } from './to-grpc-status';

const METHOD = 'PredictStream';

type PredictStreamCall = ServerDuplexStream<nluV1.PredictStreamRequest__Output, nluV1.PredictStreamResponse>;

interface OpenStream {
  call: PredictStreamCall;
  /** Requests read and not answered yet. */
  pending: number;
  /** No more requests will be read (the client half-closed, or the server is closing). */
  draining: boolean;
}

export class PredictStreams {
  private readonly open = new Set<OpenStream>();

  constructor(
    private readonly service: NluService,
    private readonly logger: Logger,
  ) {}

  /** The PredictStream handler. */
  readonly handle = (call: PredictStreamCall): void => {
    const stream: OpenStream = { call, pending: 0, draining: false };
    this.open.add(stream);
    const forget = (): void => void this.open.delete(stream);
    call.on('data', (message: nluV1.PredictStreamRequest__Output | MalformedRequest) => {
      if (message instanceof MalformedRequest) {
        forget();
        call.emit('error', toGrpcStatus(malformedRequestError(message), this.logger, { method: METHOD }));
        return;
      }
      this.answer(stream, message);
    });
    call.on('end', () => this.drain(stream));
    call.on('error', forget);
    call.on('cancelled', forget);
  };

  /** Ends every open stream once its answers are out. */
  endAll(): void {
    for (const stream of this.open) this.drain(stream);
  }

  private answer(stream: OpenStream, message: nluV1.PredictStreamRequest__Output): void {
    const { id } = message;
    const requestId = (): string | undefined => (LOGGABLE_REQUEST_ID.test(message.requestId) ? message.requestId : undefined);
    const request = message.request ?? { model: '', ref: '', text: '', scope: '', rankingLimit: 0 };
    const started = performance.now();
    stream.pending += 1;
    this.service.predict(request, request.text, request.scope).then(
      (prediction) => {
        this.write(stream, { id, prediction: predictionToWire(prediction, request.rankingLimit) });
        logAnswer(this.logger, METHOD, started, requestId);
      },
      (error: unknown) => {
        const status = toGrpcStatus(error, this.logger, { method: METHOD, requestId: requestId() });
        this.write(stream, { id, error: streamErrorOfStatus(status) });
        logAnswer(this.logger, METHOD, started, requestId, status.details);
      },
    );
  }

  private write(stream: OpenStream, response: nluV1.PredictStreamResponse): void {
    stream.pending -= 1;
    if (!this.open.has(stream)) return; // the client went away
    stream.call.write(response);
    if (stream.draining && stream.pending === 0) this.end(stream);
  }

  private drain(stream: OpenStream): void {
    stream.draining = true;
    if (stream.pending === 0) this.end(stream);
  }

  private end(stream: OpenStream): void {
    if (!this.open.delete(stream)) return;
    stream.call.end();
  }
}
