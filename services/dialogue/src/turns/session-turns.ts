/**
 * SessionTurns runs every turn of every channel: under the session's lock (one turn per session at a time, across
 * processes) it reads the session, its recent history and any stored answer for the messageId in one load, runs
 * the bot (which asks the NLU with the current state as scope), and commits session, history, audit and the
 * idempotent answer atomically. Anything that fails before the commit leaves the session untouched.
 */
import { type IntentClassifierPrediction, ParleyError, type Reply } from '@parley/domain';
import {
  STATE_MISSING_EVENT,
  type PredictOptions,
  type Predictor,
  type SessionSnapshot,
  type TurnContext,
  type TurnOutcome,
} from '@parley/bot';
import {
  isSessionConflictError,
  type HistoryEntry,
  type HistoryPage,
  type LoadTurnOptions,
  type SessionRecord,
  type SessionStore,
  type TurnSnapshot,
  type TurnWriter,
} from '@parley/session-store';
import type { DialogueBot } from '../bot/dialogue-bot';
import type { DialogueMetrics } from '../metrics/dialogue-metrics';
import { checkTurnRequest } from './check-turn-request';
import { checkMessageId, checkSessionId, newSessionId } from './session-id';
import { PredictionPrefetch } from './prediction-prefetch';
import { commitOf, idempotentRecord, replayOf, resultOf } from './turn-records';
import type { SessionView, TurnRequest, TurnResult, TurnService } from './turn-service';

export interface SessionTurnsOptions {
  bot: DialogueBot;
  store: SessionStore;
  predictor: Predictor;
  metrics: DialogueMetrics;
  logger: { warn(details: object, message: string): void; error(details: object, message: string): void };
  /** How many recent rows session.chatHistory holds. */
  historyWindow: number;
  maxTextLength: number;
  /** The turn's reference time (tests pin it). */
  clock?: () => Date;
}

/** A turn whose write finds the session changed (the lock was lost) is run this many times in all. */
const ATTEMPTS = 3;

export class SessionTurns implements TurnService {
  private readonly listeners = new Set<(result: TurnResult) => void>();
  private readonly replyListeners = new Set<(id: string, reply: Reply) => void>();
  private readonly predictor: Predictor;
  private readonly prefetch: PredictionPrefetch;

  constructor(private readonly options: SessionTurnsOptions) {
    this.predictor = { predict: (text, scope, predictOptions) => this.predict(text, scope, predictOptions) };
    const scopes = new Set(options.bot.definition().scopes.map((scope) => scope.name));
    this.prefetch = new PredictionPrefetch((text, scope, predictOptions) => this.predict(text, scope, predictOptions), scopes);
  }

  async create(id?: string): Promise<TurnResult> {
    const sessionId = id === undefined ? newSessionId() : checkSessionId(id);
    return this.measure('create', async () => {
      // A chosen id may be taken: say so before running the initial body. store.create still decides atomically.
      if (id !== undefined && (await this.options.store.get(sessionId))) {
        throw new ParleyError('SESSION_EXISTS', `a session with id ${sessionId} already exists`, { field: 'id' });
      }
      const outcome = await this.options.bot.startSession(sessionId, this.context(sessionId, []));
      const at = this.now().toISOString();
      const record: SessionRecord = {
        id: sessionId,
        state: outcome.snapshot.state,
        variables: {},
        createdAt: at,
        updatedAt: at,
        version: 0,
      };
      const audit = [{ kind: 'session' as const, state: outcome.snapshot.state, data: { event: 'created' }, at }];
      await this.options.store.create(commitOf(record, outcome, at, { audit }));
      this.observe(sessionId, outcome);
      this.prefetch.remember(sessionId, outcome.snapshot.state);
      return this.publish(resultOf(sessionId, outcome));
    });
  }

  async turn(id: string, request: TurnRequest, messageId?: string, requestId?: string): Promise<TurnResult> {
    checkSessionId(id);
    checkTurnRequest(request, this.options.maxTextLength);
    if (messageId !== undefined) checkMessageId(messageId);
    const predictOptions: PredictOptions = requestId === undefined ? {} : { requestId };
    const predictor =
      request.kind === 'message'
        ? this.prefetch.start(id, request.text, predictOptions)
        : { predict: (text: string, scope: string) => this.predict(text, scope, predictOptions) };
    const { result, replayed } = await this.measure(request.kind, () =>
      this.locked(
        id,
        { recentHistory: this.options.historyWindow, ...(messageId === undefined ? {} : { messageId }) },
        async (loaded, writer) => {
          if (messageId !== undefined && loaded.idempotentResponse !== undefined) {
            return { result: replayOf(loaded.idempotentResponse, request, messageId), replayed: true };
          }
          const record = requireSession(id, loaded.session);
          const outcome = await this.options.bot.runTurn(snapshotOf(record), request, this.context(id, loaded.recentHistory, predictor));
          const result = resultOf(id, outcome);
          const at = this.now().toISOString();
          const idempotency = messageId === undefined ? undefined : { messageId, response: idempotentRecord(request, result) };
          const extra = { ...textOf(request), fileChanged: request.kind === 'file', ...(idempotency ? { idempotency } : {}) };
          await writer.commit(commitOf(record, outcome, at, extra));
          this.observe(id, outcome);
          this.prefetch.remember(id, outcome.snapshot.state);
          return { result, replayed: false };
        },
      ),
    );
    return replayed ? result : this.publish(result);
  }

  async reset(id: string): Promise<TurnResult> {
    checkSessionId(id);
    const result = await this.measure('reset', () =>
      this.locked(id, { recentHistory: this.options.historyWindow }, async (loaded, writer) => {
        const record = requireSession(id, loaded.session);
        const outcome = await this.options.bot.resetSession(id, this.context(id, loaded.recentHistory));
        const at = this.now().toISOString();
        const audit = [{ kind: 'session' as const, state: outcome.snapshot.state, data: { event: 'reset' }, at }];
        await writer.reset(commitOf(record, outcome, at, { audit }));
        this.observe(id, outcome);
        this.prefetch.remember(id, outcome.snapshot.state);
        return resultOf(id, outcome);
      }),
    );
    return this.publish(result);
  }

  async get(id: string): Promise<SessionView> {
    checkSessionId(id);
    const loaded = await this.options.store.loadTurn(id, { recentHistory: this.options.historyWindow });
    const record = requireSession(id, loaded.session);
    return { id, state: record.state, variables: record.variables, chatHistory: chatHistoryOf(loaded.recentHistory) };
  }

  /** The whole history, a page at a time. */
  async history(id: string, page: { offset: number; limit: number }): Promise<HistoryPage> {
    checkSessionId(id);
    const [record, history] = await Promise.all([this.options.store.get(id), this.options.store.history(id, page)]);
    requireSession(id, record);
    return history;
  }

  async delete(id: string): Promise<void> {
    checkSessionId(id);
    const deleted = await this.options.store.withLock(id, () => this.options.store.delete(id));
    this.prefetch.forget(id);
    if (!deleted) requireSession(id, undefined);
  }

  onResult(listener: (result: TurnResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onReply(listener: (id: string, reply: Reply) => void): () => void {
    this.replyListeners.add(listener);
    return () => this.replyListeners.delete(listener);
  }

  /** Runs `work` as a locked turn; a conflicting write (a lost lock) runs the whole turn again, lock and load included. */
  private async locked<T>(id: string, load: LoadTurnOptions, work: (loaded: TurnSnapshot, writer: TurnWriter) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.options.store.lockedTurn(id, load, work);
      } catch (error) {
        if (!isSessionConflictError(error)) throw error;
        this.options.logger.warn({ sessionId: id, attempt, err: error }, 'session changed during a turn; retrying');
        if (attempt >= ATTEMPTS) {
          throw new ParleyError('STORE_UNAVAILABLE', `session ${id} kept changing during the turn; nothing was saved`, { cause: error });
        }
      }
    }
  }

  /** Counts the prediction and logs what the bot's code threw and any session moved out of a missing state. */
  private observe(id: string, outcome: TurnOutcome): void {
    if (outcome.prediction) this.options.metrics.recordPrediction(outcome.prediction);
    for (const error of outcome.errors) this.options.logger.warn({ sessionId: id, ...error }, 'the bot failed in a turn');
    for (const moved of outcome.transitions.filter((transition) => transition.event === STATE_MISSING_EVENT)) {
      this.options.logger.warn(
        { sessionId: id, from: moved.source, to: moved.dest },
        'session moved to the initial state: its state is gone',
      );
    }
  }

  private publish(result: TurnResult): TurnResult {
    for (const listener of this.listeners) {
      try {
        listener(result);
      } catch (error) {
        this.options.logger.error({ sessionId: result.id, err: error }, 'a turn listener threw');
      }
    }
    return result;
  }

  private async measure<T>(kind: string, work: () => Promise<T>): Promise<T> {
    const stop = this.options.metrics.turnSeconds.startTimer({ kind });
    try {
      const value = await work();
      stop({ code: 'OK' });
      return value;
    } catch (error) {
      stop({ code: error instanceof ParleyError ? error.code : 'INTERNAL' });
      throw error;
    }
  }

  private async predict(text: string, scope: string, options?: PredictOptions): Promise<IntentClassifierPrediction> {
    const stop = this.options.metrics.nluSeconds.startTimer();
    try {
      const prediction = await this.options.predictor.predict(text, scope, options);
      stop({ outcome: 'OK' });
      return prediction;
    } catch (error) {
      stop({ outcome: error instanceof ParleyError ? error.code : 'INTERNAL' });
      throw error;
    }
  }

  private context(id: string, history: HistoryEntry[], predictor: Predictor = this.predictor): TurnContext {
    return { predictor, chatHistory: chatHistoryOf(history), now: this.now(), onReply: (reply) => this.sendReply(id, reply) };
  }

  /** A reply as the body sends it; a listener's failure is logged, never the body's. */
  private sendReply(id: string, reply: Reply): void {
    for (const listener of this.replyListeners) {
      try {
        listener(id, reply);
      } catch (error) {
        this.options.logger.error({ sessionId: id, err: error }, 'a reply listener threw');
      }
    }
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }
}

function requireSession(id: string, record: SessionRecord | undefined): SessionRecord {
  if (!record) throw new ParleyError('SESSION_NOT_FOUND', `no session with id ${id} (or it expired)`, { field: 'id' });
  return record;
}

/** What the bot sees of a stored session: state, variables, and what BBF keeps between turns. */
function snapshotOf(record: SessionRecord): SessionSnapshot {
  const { id, state, variables, predictedIntent, message, file } = record;
  return {
    id,
    state,
    variables,
    ...(predictedIntent === undefined ? {} : { predictedIntent }),
    ...(message === undefined ? {} : { message }),
    ...(file === undefined ? {} : { file }),
  };
}

function chatHistoryOf(history: HistoryEntry[]): Array<[string, 0 | 1]> {
  return history.map((entry) => [entry.text, entry.sender]);
}

function textOf(request: TurnRequest): { text?: string } {
  return request.kind === 'message' ? { text: request.text } : {};
}
