/**
 * One WebSocket of the channel: the session it speaks for, its serial queue of frames, its heartbeat flag, the
 * frames held back until the connection has opened (so a client learns its session id before any reply), and the
 * request ids its frames carry to the NLU.
 */
import type { WebSocket } from '@fastify/websocket';
import type { OutboundFrame } from './outbound-frame';
import { SerialQueue } from './serial-queue';

export class ChannelConnection {
  readonly socket: WebSocket;
  readonly queue: SerialQueue;
  sessionId: string | undefined;
  /** Cleared at each heartbeat ping, set again by the pong; still clear at the next ping means the peer is gone. */
  alive = true;
  private held: OutboundFrame[] | undefined = [];
  private readonly requestId: string;
  private frames = 0;

  /** `requestId`: the upgrade request's id (X-Request-ID when the client sent one). */
  constructor(socket: WebSocket, maxQueuedFrames: number, requestId: string) {
    this.socket = socket;
    this.queue = new SerialQueue(maxQueuedFrames);
    this.requestId = requestId;
  }

  /** The next frame's request id: the connection's id and the frame's number, `<id>:1`, `<id>:2`, … */
  nextRequestId(): string {
    this.frames += 1;
    return `${this.requestId}:${this.frames}`;
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(frame: OutboundFrame): void {
    if (this.held !== undefined) this.held.push(frame);
    else this.write(frame);
  }

  /** Sends the opening frames, then whatever was held while the connection was opening. */
  release(opening: OutboundFrame[]): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const frame of [...opening, ...held]) this.write(frame);
  }

  /** Resolves when the socket has closed, or after `timeoutMs`, whichever comes first. */
  closed(timeoutMs: number): Promise<void> {
    if (this.socket.readyState === this.socket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private write(frame: OutboundFrame): void {
    if (this.isOpen) this.socket.send(JSON.stringify(frame));
  }
}
