import type { AuditRecord } from '@parley/session-store';
import { describe, expect, it } from 'vitest';
import { scoreBin, summarizeAudit } from './audit-summary';

const FROM = Date.UTC(2030, 0, 1, 12, 0);
let nextId = 0;

function prediction(minute: number, fields: Partial<AuditRecord> & { text?: string; version?: string } = {}): AuditRecord {
  const { text = 'hi', version = 'v1', ...rest } = fields;
  nextId += 1;
  return {
    id: nextId,
    sessionId: 's1',
    kind: 'prediction',
    at: new Date(FROM + minute * 60_000).toISOString(),
    state: 'idle',
    intent: 'greet',
    score: 0.9,
    fallbackReason: 'NONE',
    data: { text, modelVersion: version },
    ...rest,
  };
}

function transition(minute: number, source: string, dest: string): AuditRecord {
  nextId += 1;
  return {
    id: nextId,
    sessionId: 's1',
    kind: 'transition',
    at: new Date(FROM + minute * 60_000).toISOString(),
    state: source,
    data: { dest },
  };
}

const OPTIONS = { fromMs: FROM, toMs: FROM + 3 * 60_000, bucketMs: 60_000, lowConfidence: 0.5 };

describe('summarizeAudit', () => {
  it('counts sessions and messages per bucket, and ignores rows outside the window', () => {
    const summary = summarizeAudit(
      [prediction(0), prediction(0.5, { sessionId: 's2' }), prediction(2), prediction(-1), prediction(3), transition(1, 'a', 'b')],
      OPTIONS,
    );
    expect(summary.timeline).toEqual([
      { at: '2030-01-01T12:00:00.000Z', sessions: 2, messages: 2 },
      { at: '2030-01-01T12:01:00.000Z', sessions: 1, messages: 0 },
      { at: '2030-01-01T12:02:00.000Z', sessions: 1, messages: 1 },
    ]);
    expect(summary.fallback.messages).toBe(3);
  });

  it('counts intents, fallbacks overall and per state, and transitions per edge', () => {
    const summary = summarizeAudit(
      [
        prediction(0),
        prediction(0, { intent: 'fallback_intent', fallbackReason: 'LOW_CONFIDENCE', score: 0.2 }),
        prediction(1, { state: 'busy', intent: 'fallback_intent', fallbackReason: 'NO_INTENTS', score: undefined }),
        prediction(1, { state: 'busy', intent: 'bye' }),
        transition(0, 'idle', 'busy'),
        transition(1, 'idle', 'busy'),
        transition(2, 'busy', 'idle'),
      ],
      OPTIONS,
    );
    expect(summary.intents).toEqual([
      { intent: 'fallback_intent', count: 2 },
      { intent: 'bye', count: 1 },
      { intent: 'greet', count: 1 },
    ]);
    expect(summary.fallback).toEqual({
      messages: 4,
      fallbacks: 2,
      rate: 0.5,
      byState: [
        { state: 'busy', messages: 2, fallbacks: 1, rate: 0.5 },
        { state: 'idle', messages: 2, fallbacks: 1, rate: 0.5 },
      ],
    });
    expect(summary.transitions).toEqual([
      { source: 'idle', dest: 'busy', count: 2 },
      { source: 'busy', dest: 'idle', count: 1 },
    ]);
  });

  it('bins scores by tenths (1 in the last bin), rows without a score left out', () => {
    const scores = [0, 0.05, 0.1, 0.3, 0.7, 0.99, 1];
    const summary = summarizeAudit([...scores.map((score) => prediction(0, { score })), prediction(0, { score: undefined })], OPTIONS);
    expect(summary.scoreHistogram).toEqual([2, 1, 0, 1, 0, 0, 0, 1, 0, 2]);
    expect(scores.map(scoreBin)).toEqual([0, 0, 1, 3, 7, 9, 9]);
  });

  it('lists fallbacks and low-confidence matches newest first, and the model versions by last use', () => {
    const summary = summarizeAudit(
      [
        prediction(0, { text: 'ok', score: 0.9, version: 'old' }),
        prediction(1, { text: 'unsure', score: 0.4 }),
        prediction(2, { text: 'lost', intent: 'fallback_intent', fallbackReason: 'OUT_OF_VOCABULARY', score: 0 }),
      ],
      OPTIONS,
    );
    expect(summary.recent.map((message) => [message.text, message.fallbackReason])).toEqual([
      ['lost', 'OUT_OF_VOCABULARY'],
      ['unsure', 'NONE'],
    ]);
    expect(summary.modelVersions.map((version) => [version.version, version.messages])).toEqual([
      ['v1', 2],
      ['old', 1],
    ]);
  });
});
