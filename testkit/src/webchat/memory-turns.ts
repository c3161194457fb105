/**
 * An in-memory TurnService driven by a tiny scripted bot, standing in for the dialogue service's SessionTurns
 * while the browser test serves only the channel and the page. It keeps the contract the channel relies on:
 * results are announced to onResult listeners before the call returns, and history is kept across resets.
 */
import { randomBytes } from 'node:crypto';
import { ParleyError, type Reply } from '@parley/domain';
import type { SessionView, TurnRequest, TurnResult, TurnService } from '../../../services/dialogue/src/turns/turn-service';

/** One step of a scripted bot: from a state and an input (undefined when the session starts), the next state and replies. */
export type ScriptedBot = (state: string | undefined, request: TurnRequest | undefined) => { state: string; replies: Reply[] };

interface Session {
  state: string;
  chatHistory: Array<[string, 0 | 1]>;
}

export class MemoryTurns implements TurnService {
  readonly requests: TurnRequest[] = [];
  private readonly bot: ScriptedBot;
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Set<(result: TurnResult) => void>();
  private readonly replyListeners = new Set<(id: string, reply: Reply) => void>();

  constructor(bot: ScriptedBot) {
    this.bot = bot;
  }

  async create(id = randomBytes(16).toString('hex')): Promise<TurnResult> {
    if (this.sessions.has(id)) throw new ParleyError('SESSION_EXISTS', `session ${id} already exists`, { field: 'id' });
    const session: Session = { state: '', chatHistory: [] };
    this.sessions.set(id, session);
    return this.step(id, session, undefined);
  }

  async turn(id: string, request: TurnRequest): Promise<TurnResult> {
    const session = this.session(id);
    this.requests.push(request);
    const text = request.kind === 'message' ? request.text : request.kind === 'file' ? request.file.name : request.name;
    session.chatHistory.push([text, 1]);
    return this.step(id, session, request);
  }

  async reset(id: string): Promise<TurnResult> {
    return this.step(id, this.session(id), undefined);
  }

  async get(id: string): Promise<SessionView> {
    const session = this.session(id);
    return { id, state: session.state, variables: {}, chatHistory: [...session.chatHistory] };
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  onResult(listener: (result: TurnResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onReply(listener: (id: string, reply: Reply) => void): () => void {
    this.replyListeners.add(listener);
    return () => this.replyListeners.delete(listener);
  }

  private step(id: string, session: Session, request: TurnRequest | undefined): TurnResult {
    const next = this.bot(request === undefined ? undefined : session.state, request);
    session.state = next.state;
    for (const reply of next.replies) session.chatHistory.push([historyText(reply), 0]);
    const result: TurnResult = { id, state: next.state, replies: next.replies };
    for (const reply of next.replies) for (const listener of this.replyListeners) listener(id, reply);
    for (const listener of this.listeners) listener(result);
    return result;
  }

  private session(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new ParleyError('SESSION_NOT_FOUND', `no session ${id}`, { field: 'id' });
    return session;
  }
}

function historyText(reply: Reply): string {
  return typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content);
}
