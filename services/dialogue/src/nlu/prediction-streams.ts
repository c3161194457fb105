/**
 * The dialogue's side of the NLU's PredictStream, spread over every NLU replica. Each replica (an endpoint of
 * nlu-endpoints.ts) gets its own long-lived streams, PREDICTION_STREAMS in all and at least one each, and requests
 * go to the replicas in turn, so a replica added behind a name gets its share as soon as it is resolved and
 * connected, and every replica is used however many there are. Answers are matched to requests by id, each
 * request with its own deadline; a message on an open stream costs a fraction of a unary call.
 *
 * Streams are rotated: after about STREAM_LIFETIME_MS a stream takes no new requests, is half-closed (the NLU
 * answers what it has read, then ends it) and a fresh one replaces it. A stream therefore never outlives the grace
 * an NLU gives calls on a connection it recycles (PARLEY_NLU_MAX_CONNECTION_AGE_GRACE_MS, 5 minutes by default),
 * and the fresh one goes over the replica's current connection. When a stream breaks or the NLU ends it with
 * requests unanswered (a replica stopping or killed), those are sent again, on another replica when there is one,
 * after a short wait, at most MAX_ATTEMPTS times in all; a prediction fails only then or when its deadline passes.
 */
import * as grpc from '@grpc/grpc-js';
import type { nluV1 } from '@parley/proto';
import type { NluEndpoint, NluEndpoints } from './nlu-endpoints';

/** Streams kept open in all (at least one per replica); each costs one HTTP/2 stream. */
const PREDICTION_STREAMS = 4;
/** How long a stream takes new requests, ± a quarter so that streams do not all rotate at once. */
const STREAM_LIFETIME_MS = 20_000;
/** Sends of one request in all (the first and its resends), as Predict's retry policy allows. */
const MAX_ATTEMPTS = 3;
const RESEND_WAIT_MS = 20;

type Answer = nluV1.PredictStreamResponse__Output;
type Call = grpc.ClientDuplexStream<nluV1.PredictStreamRequest, Answer>;

interface OpenStream {
  call: Call;
  lane: Lane;
  /** After this, the stream takes no new requests. */
  retireAt: number;
}

/** One replica's streams. */
interface Lane {
  endpoint: NluEndpoint;
  streams: Array<OpenStream | undefined>;
  next: number;
}

interface Pending {
  message: nluV1.PredictStreamRequest;
  resolve(answer: Answer): void;
  reject(error: grpc.ServiceError): void;
  timer: NodeJS.Timeout;
  attempts: number;
  /** The stream the request was last sent on; undefined while it waits to be sent again. */
  stream: OpenStream | undefined;
  /** The replica where its last send failed: the resend goes elsewhere when it can. */
  avoid: NluEndpoint | undefined;
}

export class PredictionStreams {
  private lanes = new Map<NluEndpoint, Lane>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly endpoints: NluEndpoints,
    private readonly deadlineMs: number,
  ) {
    endpoints.onChange(() => this.sync());
  }

  /** Sends one Predict request; resolves with its answer (a prediction or the status it was refused with). */
  request(request: nluV1.PredictRequest, requestId: string | undefined): Promise<Answer> {
    if (this.closed) return Promise.reject(failure(grpc.status.UNAVAILABLE, 'the NLU client is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(id, failure(grpc.status.DEADLINE_EXCEEDED, 'Deadline exceeded')), this.deadlineMs);
      const message = { id, request, ...(requestId === undefined ? {} : { requestId }) };
      this.pending.set(id, { message, resolve, reject, timer, attempts: 0, stream: undefined, avoid: undefined });
      this.send(id);
    });
  }

  /** Ends every stream (the NLU answers what it has read) and fails what is still waiting. */
  close(): void {
    this.closed = true;
    for (const id of [...this.pending.keys()]) this.fail(id, failure(grpc.status.UNAVAILABLE, 'the NLU client is closed'));
    for (const lane of this.lanes.values()) for (const stream of lane.streams) stream?.call.end();
    this.lanes.clear();
  }

  private send(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    const endpoint = this.endpoints.pick(pending.avoid);
    pending.attempts += 1;
    if (!endpoint) {
      this.retryOrFail(id, pending, failure(grpc.status.UNAVAILABLE, this.endpoints.unreachable()));
      return;
    }
    const stream = this.streamOn(this.laneOf(endpoint));
    pending.stream = stream;
    stream.call.write(pending.message);
  }

  private laneOf(endpoint: NluEndpoint): Lane {
    let lane = this.lanes.get(endpoint);
    if (!lane) {
      lane = { endpoint, streams: [], next: 0 };
      this.lanes.set(endpoint, lane);
      this.sync();
    }
    return lane;
  }

  /** The lane's next stream in turn: opened when missing, replaced when its time is up. */
  private streamOn(lane: Lane): OpenStream {
    const slot = lane.next++ % lane.streams.length;
    let stream = lane.streams[slot];
    if (stream && Date.now() >= stream.retireAt) {
      stream.call.end(); // the NLU answers what it has read, then ends the stream
      stream = undefined;
    }
    if (!stream) {
      stream = this.open(lane);
      lane.streams[slot] = stream;
    }
    return stream;
  }

  private open(lane: Lane): OpenStream {
    const call = lane.endpoint.client.PredictStream();
    const stream: OpenStream = { call, lane, retireAt: Date.now() + STREAM_LIFETIME_MS * (0.75 + Math.random() / 2) };
    call.on('data', (answer: Answer) => {
      const pending = this.pending.get(answer.id);
      if (!pending) return; // answered after its deadline
      this.settle(answer.id);
      pending.resolve(answer);
    });
    call.on('error', (error: grpc.ServiceError) => this.broken(stream, error));
    call.on('end', () => this.broken(stream, failure(grpc.status.UNAVAILABLE, 'the NLU ended the stream')));
    return stream;
  }

  /** A stream that ended or broke leaves its lane; what it left unanswered is sent again. */
  private broken(stream: OpenStream, error: grpc.ServiceError): void {
    const slot = stream.lane.streams.indexOf(stream);
    if (slot >= 0) stream.lane.streams[slot] = undefined;
    for (const [id, pending] of this.pending) {
      if (pending.stream !== stream) continue;
      pending.stream = undefined;
      pending.avoid = stream.lane.endpoint;
      this.retryOrFail(id, pending, error);
    }
  }

  private retryOrFail(id: number, pending: Pending, error: grpc.ServiceError): void {
    if (pending.attempts >= MAX_ATTEMPTS || this.closed) {
      this.fail(id, error);
      return;
    }
    setTimeout(() => this.send(id), RESEND_WAIT_MS * pending.attempts);
  }

  /** Lanes follow the endpoints: PREDICTION_STREAMS streams spread over them, a lane whose replica went ends. */
  private sync(): void {
    const endpoints = this.endpoints.list();
    const perLane = Math.max(1, Math.ceil(PREDICTION_STREAMS / Math.max(1, endpoints.length)));
    for (const [endpoint, lane] of this.lanes) {
      if (!endpoints.includes(endpoint)) {
        this.lanes.delete(endpoint);
        for (const stream of lane.streams) stream?.call.end();
        continue;
      }
      for (const stream of lane.streams.slice(perLane)) stream?.call.end();
      lane.streams.length = perLane;
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
