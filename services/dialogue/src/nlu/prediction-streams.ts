/**
 * The dialogue's side of the NLU's PredictStream: a few long-lived streams (the channel's round-robin balancer
 * places each on a replica as it opens), requests spread over them in turn and matched to their answers by id,
 * each with its own deadline. A message on an open stream costs a fraction of a unary call. When a stream breaks
 * or the NLU ends it (a replica shutting down), its unanswered requests are sent again on a fresh stream, after a
 * short wait, at most MAX_ATTEMPTS times in all; a prediction fails only then or when its deadline passes.
 */
import * as grpc from '@grpc/grpc-js';
import type { nluV1 } from '@parley/proto';

/** Streams kept open: enough to spread over a few replicas; each costs one HTTP/2 stream. */
const PREDICTION_STREAMS = 4;
/** Sends of one request in all (the first and its resends), as Predict's retry policy allows. */
const MAX_ATTEMPTS = 3;
const RESEND_WAIT_MS = 20;

type Answer = nluV1.PredictStreamResponse__Output;
type Stream = grpc.ClientDuplexStream<nluV1.PredictStreamRequest, Answer>;

interface Pending {
  message: nluV1.PredictStreamRequest;
  resolve(answer: Answer): void;
  reject(error: grpc.ServiceError): void;
  timer: NodeJS.Timeout;
  attempts: number;
  /** The slot the request was last sent on. */
  slot: Slot;
}

interface Slot {
  stream: Stream | undefined;
}

export class PredictionStreams {
  private readonly slots: Slot[] = Array.from({ length: PREDICTION_STREAMS }, () => ({ stream: undefined }));
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextSlot = 0;
  private closed = false;

  constructor(
    private readonly open: () => Stream,
    private readonly deadlineMs: number,
  ) {}

  /** Sends one Predict request; resolves with its answer (a prediction or the status it was refused with). */
  request(request: nluV1.PredictRequest, requestId: string | undefined): Promise<Answer> {
    if (this.closed) return Promise.reject(failure(grpc.status.UNAVAILABLE, 'the NLU client is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(id, failure(grpc.status.DEADLINE_EXCEEDED, 'Deadline exceeded')), this.deadlineMs);
      const message = { id, request, ...(requestId === undefined ? {} : { requestId }) };
      const pending: Pending = { message, resolve, reject, timer, attempts: 0, slot: this.slots[0] as Slot };
      this.pending.set(id, pending);
      this.send(pending);
    });
  }

  close(): void {
    this.closed = true;
    for (const id of [...this.pending.keys()]) this.fail(id, failure(grpc.status.UNAVAILABLE, 'the NLU client is closed'));
    for (const slot of this.slots) slot.stream?.end();
  }

  private send(pending: Pending): void {
    pending.attempts += 1;
    const slot = this.slots[this.nextSlot++ % this.slots.length] as Slot;
    pending.slot = slot;
    (slot.stream ?? this.openOn(slot)).write(pending.message);
  }

  private openOn(slot: Slot): Stream {
    const stream = this.open();
    slot.stream = stream;
    stream.on('data', (answer: Answer) => {
      const pending = this.pending.get(answer.id);
      if (!pending) return; // answered after its deadline
      this.settle(answer.id);
      pending.resolve(answer);
    });
    const broken = (error?: grpc.ServiceError): void => {
      if (slot.stream !== stream) return;
      slot.stream = undefined;
      this.resendFrom(slot, error ?? failure(grpc.status.UNAVAILABLE, 'the NLU ended the stream'));
    };
    stream.on('error', broken);
    stream.on('end', () => broken());
    return stream;
  }

  /** Requests sent on a stream that broke go again on another, or fail after MAX_ATTEMPTS. */
  private resendFrom(slot: Slot, error: grpc.ServiceError): void {
    for (const [id, pending] of this.pending) {
      if (pending.slot !== slot) continue;
      if (pending.attempts >= MAX_ATTEMPTS || this.closed) {
        this.fail(id, error);
        continue;
      }
      pending.slot = { stream: undefined }; // belongs to no stream while it waits
      setTimeout(() => {
        if (this.pending.get(id) === pending) this.send(pending);
      }, RESEND_WAIT_MS * pending.attempts);
    }
  }

  private fail(id: number, error: grpc.ServiceError): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.settle(id);
    pending.reject(error);
  }

  private settle(id: number): void {
    const pending = this.pending.get(id);
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(id);
  }
}

/** A status in the shape grpc-js reports unary failures in, so one mapping serves both. */
export function failure(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(`${code} ${grpc.status[code]}: ${details}`), { code, details, metadata: new grpc.Metadata() });
}
