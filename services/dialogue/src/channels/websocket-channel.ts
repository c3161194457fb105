/**
 * The WebSocket channel (README.md documents the protocol): BBF's `{action, message}` frames over one fastify
 * route, each socket's frames run one at a time through the TurnService, every result fanned out to all sockets
 * of its session, and a drain then a 1012 (service restart) close with a JSON reconnect hint when the server
 * shuts down.
 */
import fastifyWebsocket, { type WebSocket } from '@fastify/websocket';
import { isParleyError, ParleyError } from '@parley/domain';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { TurnService } from '../turns/turn-service';
import { ChannelConnection } from './channel-connection';
import { decodeFrame, type Command } from './decode-frame';
import { errorFrame, replyFrame, sessionFrame, type OutboundFrame, type SessionFrameContent } from './outbound-frame';
import { SessionSockets } from './session-sockets';

export interface WebSocketChannelOptions {
  turns: TurnService;
  /** A larger frame gets a PAYLOAD_TOO_LARGE error frame; one over twice this closes the socket (1009). */
  maxFrameBytes: number;
  /** Default `/v1/ws`. */
  path?: string;
  /** Frames one socket may have waiting before further ones are refused (RESOURCE_EXHAUSTED). Default 32. */
  maxQueuedFrames?: number;
  /** Ping period; a socket that missed the previous pong is dropped. Default 30 s; 0 turns the heartbeat off. */
  heartbeatMs?: number;
  /** How long shutdown waits for queued frames, then for clients to close. Default 5 s. */
  drainTimeoutMs?: number;
  /** The reconnect delay the 1012 close's reason suggests to clients (`retryAfterMs`). Default 500 ms. */
  reconnectAfterMs?: number;
  /** Send each turn's errors (what the bot's code threw) as a `turn_errors` frame. Default false. */
  devMode?: boolean;
}

type Settings = Required<WebSocketChannelOptions>;

/** RFC 6455 close codes the channel uses. */
const CLOSE_SERVICE_RESTART = 1012;
const CLOSE_TRY_AGAIN_LATER = 1013;

export async function registerWebSocketChannel(app: FastifyInstance, options: WebSocketChannelOptions): Promise<void> {
  const channel = new WebSocketChannel(settle(options), app.log);
  if (!app.hasDecorator('websocketServer')) {
    await app.register(fastifyWebsocket, {
      // ws enforces only the hard cap; frames between the limit and the cap get an error frame and the socket lives.
      // UTF-8 is checked per frame too (decodeFrame), for the same reason.
      options: { maxPayload: options.maxFrameBytes * 2, skipUTF8Validation: true },
      // Clients are closed by the channel's own preClose hook below, with its drain and close code.
      preClose: async function (this: FastifyInstance) {
        this.websocketServer.close();
      },
    });
  }
  app.route({
    method: 'GET',
    url: channel.settings.path,
    // A plain HTTP request (no Upgrade) gets the registry's JSON error, not @fastify/websocket's bare 404.
    handler: async () => {
      throw new ParleyError(
        'INVALID_ARGUMENT',
        `${channel.settings.path} takes a WebSocket upgrade (headers Connection: Upgrade, Upgrade: websocket)`,
        {
          field: 'upgrade',
        },
      );
    },
    wsHandler: (socket, request) => channel.accept(socket, request),
  });
  app.addHook('preClose', () => channel.close());
}

function settle(options: WebSocketChannelOptions): Settings {
  if (!Number.isInteger(options.maxFrameBytes) || options.maxFrameBytes < 1) {
    throw new ParleyError('INVALID_ARGUMENT', 'maxFrameBytes must be a positive integer', { field: 'maxFrameBytes' });
  }
  return {
    turns: options.turns,
    maxFrameBytes: options.maxFrameBytes,
    path: options.path ?? '/v1/ws',
    maxQueuedFrames: options.maxQueuedFrames ?? 32,
    heartbeatMs: options.heartbeatMs ?? 30_000,
    drainTimeoutMs: options.drainTimeoutMs ?? 5_000,
    reconnectAfterMs: options.reconnectAfterMs ?? 500,
    devMode: options.devMode ?? false,
  };
}

class WebSocketChannel {
  readonly settings: Settings;
  private readonly log: FastifyBaseLogger;
  private readonly sockets: SessionSockets;
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(settings: Settings, log: FastifyBaseLogger) {
    this.settings = settings;
    this.log = log;
    this.sockets = new SessionSockets(settings.devMode);
    const unsubscribe = [settings.turns.onResult(this.sockets.announce), settings.turns.onReply(this.sockets.reply)];
    this.unsubscribe = () => unsubscribe.forEach((stop) => stop());
    if (settings.heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.beat(), settings.heartbeatMs);
      this.heartbeat.unref();
    }
  }

  accept(socket: WebSocket, request: FastifyRequest): void {
    const connection = new ChannelConnection(socket, this.settings.maxQueuedFrames, request.id);
    // Listeners go on before any await, or frames sent right after the handshake would be lost.
    socket.on('message', (data, isBinary) => this.receive(connection, toBuffer(data), isBinary));
    socket.on('pong', () => (connection.alive = true));
    socket.on('close', () => this.sockets.forget(connection));
    if (this.closing) {
      socket.close(CLOSE_SERVICE_RESTART, this.restartReason());
      return;
    }
    this.sockets.track(connection);
    // Opening goes through the queue, so frames sent before the session frame wait for the session.
    connection.queue.push(() => this.open(connection, requestedSessionId(request)));
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    const connections = [...this.sockets.connections];
    // Still subscribed while draining, so the replies of turns in flight reach their sockets.
    await Promise.race([Promise.all(connections.map((c) => c.queue.idle())), delay(this.settings.drainTimeoutMs)]);
    for (const connection of connections) connection.socket.close(CLOSE_SERVICE_RESTART, this.restartReason());
    await Promise.all(connections.map((c) => c.closed(this.settings.drainTimeoutMs)));
    for (const connection of connections) connection.socket.terminate();
    this.unsubscribe();
  }

  private receive(connection: ChannelConnection, data: Buffer, isBinary: boolean): void {
    if (this.closing) {
      const error = new ParleyError('CANCELED', 'the service is restarting; send the frame again after reconnecting');
      connection.send(errorFrame(error, this.log));
      return;
    }
    let task: () => Promise<void>;
    try {
      const command = decodeFrame(data, isBinary, this.settings.maxFrameBytes);
      task = () => this.execute(connection, command);
    } catch (error) {
      // Queued like any frame, so the error frame comes back in the order the frames were sent.
      task = async () => connection.send(errorFrame(error, this.log));
    }
    if (!connection.queue.push(task)) {
      const limit = this.settings.maxQueuedFrames;
      const error = new ParleyError('RESOURCE_EXHAUSTED', `more than ${limit} frames are waiting on this socket`, {
        field: 'frame',
      });
      connection.send(errorFrame(error, this.log));
    }
  }

  private async open(connection: ChannelConnection, requestedId: string | undefined): Promise<void> {
    const opening: OutboundFrame[] = [];
    try {
      if (requestedId !== undefined && (await this.resume(connection, requestedId, opening))) {
        connection.release(opening);
        return;
      }
      const result = await this.settings.turns.create();
      this.sockets.join(connection, result.id);
      const view = { id: result.id, state: result.state, chatHistory: [] };
      opening.push(this.sessionFrame(view, false), ...result.replies.map(replyFrame), ...this.sockets.errorFrames(result));
      connection.release(opening);
    } catch (error) {
      this.sockets.leave(connection);
      connection.release([...opening, errorFrame(error, this.log)]);
      connection.socket.close(CLOSE_TRY_AGAIN_LATER, 'session unavailable');
    }
  }

  /** False, with an error frame queued, when the id names no usable session: the caller starts a new one. */
  private async resume(connection: ChannelConnection, id: string, opening: OutboundFrame[]): Promise<boolean> {
    // Joined before the read, so a reply produced meanwhile is held for this socket rather than missed.
    this.sockets.join(connection, id);
    try {
      const view = await this.settings.turns.get(id);
      opening.push(this.sessionFrame(view, true));
      return true;
    } catch (error) {
      this.sockets.leave(connection);
      const unusable = isParleyError(error) && (error.code === 'SESSION_NOT_FOUND' || error.code === 'INVALID_ARGUMENT');
      if (!unusable) throw error;
      opening.push(errorFrame(error, this.log));
      return false;
    }
  }

  private async execute(connection: ChannelConnection, command: Command): Promise<void> {
    const id = connection.sessionId;
    if (id === undefined) return; // the session never opened, and the socket is already closing
    try {
      const { turns } = this.settings;
      const result =
        command.kind === 'reset'
          ? await turns.reset(id)
          : await turns.turn(id, command.request, command.messageId, connection.nextRequestId());
      // A result the TurnService returned without announcing it (an idempotent retry, say) still answers its asker.
      if (!this.sockets.consumeAnnouncement(result)) this.sockets.send(result, [connection]);
    } catch (error) {
      connection.send(errorFrame(error, this.log));
    }
  }

  /** The 1012 close's reason: a JSON reconnect hint (well under the 123 bytes a close reason may hold). */
  private restartReason(): string {
    return JSON.stringify({ reconnect: true, retryAfterMs: this.settings.reconnectAfterMs });
  }

  private sessionFrame(view: SessionFrameContent['view'], resumed: boolean): OutboundFrame {
    return sessionFrame({ view, resumed, maxFrameBytes: this.settings.maxFrameBytes });
  }

  private beat(): void {
    for (const connection of this.sockets.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      if (connection.isOpen) connection.socket.ping();
    }
  }
}

/** `?session_id=` (browsers cannot set headers on a WebSocket) or the `X-Session-ID` header; empty means none. */
function requestedSessionId(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const raw = query?.session_id ?? request.headers['x-session-id'];
  if (raw === undefined || raw === '') return undefined;
  // A repeated parameter arrives as an array: passed on as one string, it fails the id check like any bad id.
  if (Array.isArray(raw)) return raw.join(',');
  return typeof raw === 'string' ? raw : JSON.stringify(raw);
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
