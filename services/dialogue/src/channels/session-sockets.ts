/**
 * Which connections speak for which session, and the fan-out of every TurnResult to all of them: a reply
 * produced by one socket (or by REST) reaches every open socket of that session.
 */
import type { TurnResult } from '../turns/turn-service';
import type { ChannelConnection } from './channel-connection';
import { replyFrame } from './outbound-frame';

export class SessionSockets {
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

  /** The TurnService's onResult listener. */
  readonly announce = (result: TurnResult): void => {
    this.announced.add(result);
    this.send(result, this.bySession.get(result.id) ?? []);
  };

  /** True once for each announcement of `result`: a stored result returned again is not counted as announced twice. */
  consumeAnnouncement(result: TurnResult): boolean {
    return this.announced.delete(result);
  }

  send(result: TurnResult, connections: Iterable<ChannelConnection>): void {
    const frames = result.replies.map(replyFrame);
    for (const connection of connections) {
      for (const frame of frames) connection.send(frame);
    }
  }
}
