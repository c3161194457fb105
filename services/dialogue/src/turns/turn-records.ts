/**
 * Turns a bot's TurnOutcome into what the store keeps (TurnCommit: session, history rows, audit) and what
 * channels answer (TurnResult), and guards idempotent replays: a stored answer is only returned for the same
 * request it answered.
 */
import { createHash } from 'node:crypto';
import { type JsonObject, type JsonValue, ParleyError } from '@parley/domain';
import type { TurnOutcome } from '@parley/bot';
import type { AuditEntry, SessionRecord, TurnCommit } from '@parley/session-store';
import type { TurnRequest, TurnResult } from './turn-service';

export function resultOf(id: string, outcome: TurnOutcome): TurnResult {
  return {
    id,
    state: outcome.snapshot.state,
    replies: outcome.replies,
    ...(outcome.prediction === undefined ? {} : { prediction: outcome.prediction }),
  };
}

/** The commit of one turn: `record` is the session as read (its version is the one the store checks). */
export function commitOf(
  record: SessionRecord,
  outcome: TurnOutcome,
  at: string,
  extra: { audit?: AuditEntry[]; text?: string; idempotency?: { messageId: string; response: JsonValue } } = {},
): TurnCommit {
  return {
    session: { ...record, state: outcome.snapshot.state, variables: outcome.snapshot.variables, updatedAt: at },
    history: outcome.history.map((entry) => ({ ...entry, at })),
    audit: [...(extra.audit ?? []), ...auditOf(outcome, at, extra.text)],
    ...(extra.idempotency === undefined ? {} : { idempotency: extra.idempotency }),
  };
}

/** BBF's monitoring rows: the prediction, each transition taken, and what a body threw. */
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
    };
    audit.push({ kind: 'prediction', data: text === undefined ? data : { text, ...data }, at });
  }
  for (const transition of outcome.transitions) audit.push({ kind: 'transition', data: { ...transition }, at });
  for (const error of outcome.errors ?? []) audit.push({ kind: 'session', data: { event: 'error', error }, at });
  return audit;
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
