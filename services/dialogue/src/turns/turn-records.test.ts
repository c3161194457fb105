import { describe, expect, it } from 'vitest';
import type { TurnOutcome } from '@parley/bot';
import type { SessionRecord } from '@parley/session-store';
import { commitOf, idempotentRecord, replayOf, resultOf } from './turn-records';
import type { TurnRequest } from './turn-service';

const prediction = {
  intent: 'weather_intent',
  score: 0.9,
  matchedSentence: 'weather in CITY',
  matchedParameters: [{ name: 'city1', value: 'Barcelona', info: {} }],
  ranking: [{ intent: 'weather_intent', score: 0.9 }],
  scope: 's0',
  modelVersion: 'v1',
  fallbackReason: 'NONE' as const,
};

const outcome: TurnOutcome = {
  snapshot: { id: 'x', state: 's0', variables: { city: 'Barcelona' } },
  replies: [{ type: 'str', content: 'Sunny' }],
  history: [
    { sender: 1, type: 'str', text: 'weather in barna', content: 'weather in barna' },
    { sender: 0, type: 'str', text: 'Sunny', content: 'Sunny' },
  ],
  transitions: [{ source: 's0', dest: 'weather_state', event: 'intent_matched', info: 'weather_intent' }],
  prediction,
  errors: [{ code: 'BOT_ERROR', message: "body of state 'weather_state' failed: boom", state: 'weather_state' }],
};

const record: SessionRecord = {
  id: 'x',
  state: 's0',
  variables: {},
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  version: 7,
};

describe('turn records', () => {
  it('commits the new state and variables against the version read, with history and audit stamped', () => {
    const at = '2030-01-02T00:00:00.000Z';
    const commit = commitOf(record, outcome, at, { text: 'weather in barna' });
    expect(commit.session).toEqual({ ...record, state: 's0', variables: { city: 'Barcelona' }, updatedAt: at, version: 7 });
    expect(commit.history.map((entry) => [entry.sender, entry.text, entry.at])).toEqual([
      [1, 'weather in barna', at],
      [0, 'Sunny', at],
    ]);
    expect(commit.audit).toEqual([
      {
        kind: 'prediction',
        state: 's0',
        intent: 'weather_intent',
        score: 0.9,
        fallbackReason: 'NONE',
        data: expect.objectContaining({ text: 'weather in barna', intent: 'weather_intent', scope: 's0', ranking: prediction.ranking }),
        at,
      },
      {
        kind: 'transition',
        state: 's0',
        data: { source: 's0', dest: 'weather_state', event: 'intent_matched', info: 'weather_intent' },
        at,
      },
      {
        kind: 'session',
        state: 'weather_state',
        data: { event: 'error', code: 'BOT_ERROR', error: "body of state 'weather_state' failed: boom" },
        at,
      },
    ]);
    expect(commit.idempotency).toBeUndefined();
    expect(commit).not.toHaveProperty('fileChanged');
  });

  it('keeps what BBF keeps: the last prediction, message and file, the file written only by a file turn', () => {
    const file = { name: 'cat.png', type: 'image/png', base64: 'iVBORw0KGgo=' };
    const kept = { ...outcome, snapshot: { ...outcome.snapshot, predictedIntent: prediction, message: 'cat.png', file } };
    const commit = commitOf({ ...record, message: 'older' }, kept, '2030-01-02T00:00:00.000Z', { fileChanged: true });
    expect(commit.session).toMatchObject({ predictedIntent: prediction, message: 'cat.png', file });
    expect(commit.fileChanged).toBe(true);
    // A reset's outcome holds none of them: the session forgets them.
    const forgotten = commitOf({ ...record, predictedIntent: prediction, file }, outcome, '2030-01-02T00:00:00.000Z');
    for (const field of ['predictedIntent', 'message', 'file']) expect(forgotten.session).not.toHaveProperty(field);
  });

  it("audits a fallback with the best intent's score (its own is 1, BBF's rule), and no score when no classifier ran", () => {
    const unsure = { ...prediction, intent: 'fallback_intent', score: 1, fallbackReason: 'LOW_CONFIDENCE' as const };
    const ranked = commitOf(record, { ...outcome, prediction: { ...unsure, ranking: [{ intent: 'weather_intent', score: 0.31 }] } }, 'x');
    expect(ranked.audit[0]).toMatchObject({ intent: 'fallback_intent', score: 0.31, fallbackReason: 'LOW_CONFIDENCE' });
    const local = commitOf(record, { ...outcome, prediction: { ...unsure, ranking: [], fallbackReason: 'NO_INTENTS' } }, 'x');
    expect(local.audit[0]).not.toHaveProperty('score');
  });

  it('answers with id, state, replies and the prediction', () => {
    expect(resultOf('x', outcome)).toEqual({
      id: 'x',
      state: 's0',
      replies: [{ type: 'str', content: 'Sunny' }],
      prediction,
      errors: [{ code: 'BOT_ERROR', message: "body of state 'weather_state' failed: boom", state: 'weather_state' }],
    });
    expect(resultOf('x', { ...outcome, prediction: undefined })).not.toHaveProperty('prediction');
    expect(resultOf('x', { ...outcome, errors: [] })).not.toHaveProperty('errors');
  });

  it('replays a stored answer only for the request it answered', () => {
    const request: TurnRequest = { kind: 'message', text: 'weather in barna' };
    const stored = JSON.parse(JSON.stringify(idempotentRecord(request, resultOf('x', outcome))));
    expect(replayOf(stored, { kind: 'message', text: 'weather in barna' }, 'm1')).toEqual(resultOf('x', outcome));
    expect(() => replayOf(stored, { kind: 'message', text: 'weather in LUX' }, 'm1')).toThrow(/messageId m1 was already used/);
    expect(() => replayOf(stored, { kind: 'event', name: 'weather in barna', params: {} }, 'm1')).toThrow(/already used/);
    expect(() => replayOf('garbage', request, 'm1')).toThrow(/already used/);
  });
});
