/**
 * Turns a bot's TurnOutcome into what the store keeps (TurnCommit: session, history rows, audit) and what
 * channels answer (TurnResult), and guards idempotent replays: a stored answer is only returned for the same
 * request it answered.
 */
import { createHash } from 'node:crypto';
import { FALLBACK_INTENT, type IntentClassifierPrediction, type JsonObject, type JsonValue, ParleyError } from '@parley/domain';
import type { TurnOutcome } from '@parley/bot';
import type { AuditEntry, SessionRecord, TurnCommit } from '@parley/session-store';
import type { TurnRequest, TurnResult } from './turn-service';

export function resultOf(id: string, outcome: TurnOutcome): TurnResult {
  return {
    id,
    state: outcome.snapshot.state,
    replies: outcome.replies,
    ...(outcome.prediction === undefined ? {} : { prediction: outcome.prediction }),
    ...(outcome.errors.length === 0 ? {} : { errors: outcome.errors.map((error) => ({ ...error })) }),
  };
}

/**
 * The commit of one turn: `record` is the session as read (its version is the one the store checks). The session
 * keeps what the turn left in its snapshot: state, variables, and BBF's last prediction, message and file; the
 * file is written only by a turn that received one (`fileChanged`).
 */
export function commitOf(
  record: SessionRecord,
  outcome: TurnOutcome,
  at: string,
  extra: { audit?: AuditEntry[]; text?: string; idempotency?: { messageId: string; response: JsonValue }; fileChanged?: boolean } = {},
): TurnCommit {
  const { state, variables, predictedIntent, message, file } = outcome.snapshot;
  const session: SessionRecord = { id: record.id, state, variables, createdAt: record.createdAt, updatedAt: at, version: record.version };
  if (predictedIntent !== undefined) session.predictedIntent = predictedIntent;
  if (message !== undefined) session.message = message;
  if (file !== undefined) session.file = file;
  return {
    session,
    history: outcome.history.map((entry) => ({ ...entry, at })),
    audit: [...(extra.audit ?? []), ...auditOf(outcome, at, extra.text)],
    ...(extra.fileChanged === true ? { fileChanged: true } : {}),
    ...(extra.idempotency === undefined ? {} : { idempotency: extra.idempotency }),
  };
}

/**
 * BBF's monitoring rows: the prediction, each transition taken, and what a body threw. A prediction row is about
 * the state that asked (its scope); a transition row about the state it left; an error row about the state whose
 * body or transition failed.
 */
function auditOf(outcome: TurnOutcome, at: string, text: string | undefined): AuditEntry[] {
  const audit: AuditEntry[] = [];
  const prediction = outcome.prediction;
  if (prediction !== undefined) {
    const data: JsonObject = {
      intent: prediction.intent,
      score: prediction.score,
      scope: prediction.scope,
      fallbackReason: prediction.fallbackReason,
      modelVersion: prediction.modelVersion,
      matchedSentence: prediction.matchedSentence,
      matchedParameters: prediction.matchedParameters.map((parameter) => ({ ...parameter })),
      ranking: prediction.ranking.slice(0, AUDITED_RANKING).map((entry) => ({ ...entry })),
    };
    const row: AuditEntry = {
      kind: 'prediction',
      at,
      state: prediction.scope,
      intent: prediction.intent,
      fallbackReason: prediction.fallbackReason,
      data: text === undefined ? data : { text, ...data },
    };
    const score = auditedScore(prediction);
    audit.push(score === undefined ? row : { ...row, score });
  }
  for (const transition of outcome.transitions) {
    audit.push({ kind: 'transition', at, state: transition.source, data: { ...transition } });
  }
  for (const error of outcome.errors) {
    audit.push({ kind: 'session', at, state: error.state, data: { event: 'error', code: error.code, error: error.message } });
  }
  return audit;
}

/** The best candidates a prediction row keeps (what a person labelling a fallback wants to see). */
const AUDITED_RANKING = 3;

/**
 * The classifier's confidence in its best intent. A fallback's own score is 1 whatever the classifier thought (BBF's
 * rule), so a fallback row takes the best intent's score from the ranking instead: "low confidence" then means what
 * it says, and a histogram of scores shows the classifier's. Undefined when no classifier ran (NO_INTENTS).
 */
function auditedScore(prediction: IntentClassifierPrediction): number | undefined {
  if (prediction.intent !== FALLBACK_INTENT) return prediction.score;
  return prediction.ranking[0]?.score;
}

/** What the store keeps for a messageId: the answer, and a hash of the request it answered. */
export function idempotentRecord(request: TurnRequest, result: TurnResult): JsonValue {
  return { request: fingerprintOf(request), result: result as unknown as JsonValue };
}

/** The stored answer, when `request` is the one it answered; a different request under the same id is a 400. */
export function replayOf(stored: JsonValue, request: TurnRequest, messageId: string): TurnResult {
  const record = stored as { request?: unknown; result?: unknown } | null;
  if (record?.request !== fingerprintOf(request) || typeof record.result !== 'object' || record.result === null) {
    throw new ParleyError('INVALID_ARGUMENT', `messageId ${messageId} was already used for a different request`, {
      field: 'messageId',
    });
  }
  return record.result as TurnResult;
}

function fingerprintOf(request: TurnRequest): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}
