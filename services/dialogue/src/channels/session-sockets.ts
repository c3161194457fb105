/**
 * Which connections speak for which session, and the fan-out to all of them: each reply as the bot sends it,
 * whichever socket (or REST call) caused the turn, and, in dev mode, what the bot's code threw in the turn.
 */
import type { Reply } from '@parley/domain';
import type { TurnResult } from '../turns/turn-service';
import type { ChannelConnection } from './channel-connection';
import { replyFrame, turnErrorsFrame, type OutboundFrame } from './outbound-frame';

export class SessionSockets {
  /** Dev mode: a turn's errors (what the bot's code threw) go to the session's sockets as a `turn_errors` frame. */
  constructor(private readonly devMode: boolean) {}

  private readonly bySession = new Map<string, Set<ChannelConnection>>();
  private readonly all = new Set<ChannelConnection>();
  /** Results already fanned out, so the channel can tell whether a TurnService announced the result it returned. */
  private readonly announced = new WeakSet<TurnResult>();

  get connections(): ReadonlySet<ChannelConnection> {
    return this.all;
  }

  track(connection: ChannelConnection): void {
    this.all.add(connection);
  }

  /** Does nothing for a connection already forgotten: its socket closed while its session was opening. */
  join(connection: ChannelConnection, sessionId: string): void {
    if (!this.all.has(connection)) return;
    this.leave(connection);
    connection.sessionId = sessionId;
    const peers = this.bySession.get(sessionId) ?? new Set<ChannelConnection>();
    peers.add(connection);
    this.bySession.set(sessionId, peers);
  }

  leave(connection: ChannelConnection): void {
    const id = connection.sessionId;
    if (id === undefined) return;
    connection.sessionId = undefined;
    const peers = this.bySession.get(id);
    peers?.delete(connection);
    if (peers?.size === 0) this.bySession.delete(id);
  }

  forget(connection: ChannelConnection): void {
    this.leave(connection);
    this.all.delete(connection);
  }

  /** The TurnService's onReply listener: the reply goes out as the body sends it, not at the end of the turn. */
  readonly reply = (id: string, reply: Reply): void => {
    const frame = replyFrame(reply);
    for (const connection of this.bySession.get(id) ?? []) connection.send(frame);
  };

  /** The TurnService's onResult listener: the replies went out already; the errors follow them. */
  readonly announce = (result: TurnResult): void => {
    this.announced.add(result);
    this.sendFrames(this.errorFrames(result), this.bySession.get(result.id) ?? []);
  };

  /** True once for each announcement of `result`: a stored result returned again is not counted as announced twice. */
  consumeAnnouncement(result: TurnResult): boolean {
    return this.announced.delete(result);
  }

  /** A whole result at once: a stored one replayed, or a new session's first replies. */
  send(result: TurnResult, connections: Iterable<ChannelConnection>): void {
    this.sendFrames([...result.replies.map(replyFrame), ...this.errorFrames(result)], connections);
  }

  errorFrames(result: TurnResult): OutboundFrame[] {
    return this.devMode && result.errors !== undefined && result.errors.length > 0 ? [turnErrorsFrame(result.errors)] : [];
  }

  private sendFrames(frames: OutboundFrame[], connections: Iterable<ChannelConnection>): void {
    for (const connection of connections) {
      for (const frame of frames) connection.send(frame);
    }
  }
}
