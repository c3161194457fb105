// The audit rows of bench:audit, generated (seeded, so every run writes the same rows) in the shape of a bot's
// traffic: each session a life of 50 rows (a 'created' event, then turns of one prediction and one or two
// transitions, now and then an error), sessions spread over 30 days, 40 states and 60 intents of uneven
// popularity, 12 % of predictions falling back (scores of the best intent below 0.45), the rest scoring 0.55–1.
import { seededRandom } from '../lib/seeded-random.mjs';
export const AUDIT_ROWS_PER_SESSION = 50;
const STATES = Array.from({ length: 40 }, (_, n) => `state_${String(n).padStart(2, '0')}`);
const INTENTS = Array.from({ length: 60 }, (_, n) => `intent_${String(n).padStart(2, '0')}`);
const FALLBACK_REASONS = ['LOW_CONFIDENCE', 'LOW_CONFIDENCE', 'LOW_CONFIDENCE', 'LOW_CONFIDENCE', 'AMBIGUOUS', 'OUT_OF_VOCABULARY'];
const DAY = 86_400_000;
/** The rows' time span ends an hour ago, so that "now" is after all of them. */
const END = Date.now() - 3_600_000;
const START = END - 30 * DAY;

/** Picks from `items`, the first ones more often (a rough Zipf). */
const skewed = (next, items) => items[Math.floor(items.length * next() ** 2)];

/** What the queries ask for: the names in the data, its time span, and a few session ids. */
export function auditVocabulary(rows) {
  const sessions = Math.floor(rows / AUDIT_ROWS_PER_SESSION);
  return { states: STATES, intents: INTENTS, start: START, end: END, sessionId: (n) => `bench-${(n * 7919) % sessions}` };
}

/** The sessions to write, one TurnCommit each, made when asked (1 M rows do not sit in memory at once). */
export function auditSessions(rows) {
  const length = Math.floor(rows / AUDIT_ROWS_PER_SESSION);
  return { length, at: (index) => sessionCommit(index) };
}

function sessionCommit(index) {
  const next = seededRandom(index + 1);
  const id = `bench-${index}`;
  let time = START + Math.floor(next() * (END - START - DAY));
  const iso = () => new Date(time).toISOString();
  let state = STATES[0];
  const audit = [{ kind: 'session', at: iso(), state, data: { event: 'created' } }];
  while (audit.length < AUDIT_ROWS_PER_SESSION) {
    time += 2_000 + Math.floor(next() * 20_000);
    const prediction = predictionRow(next, state, iso());
    audit.push(prediction);
    const dest = prediction.intent === 'fallback_intent' ? state : skewed(next, STATES);
    for (let hops = next() < 0.6 ? 1 : 2; hops > 0 && audit.length < AUDIT_ROWS_PER_SESSION; hops -= 1) {
      const to = hops === 2 ? skewed(next, STATES) : dest;
      audit.push({
        kind: 'transition',
        at: iso(),
        state,
        data: { source: state, dest: to, event: 'intent_matched', info: prediction.intent },
      });
      state = to;
    }
    if (next() < 0.01 && audit.length < AUDIT_ROWS_PER_SESSION) {
      audit.push({ kind: 'session', at: iso(), state, data: { event: 'error', error: 'body of state failed' } });
    }
  }
  return {
    session: { id, state, variables: {}, createdAt: new Date(START).toISOString(), updatedAt: iso(), version: 0 },
    history: [],
    audit,
  };
}

function predictionRow(next, state, at) {
  const fallback = next() < 0.12;
  const best = skewed(next, INTENTS);
  const score = Math.round((fallback ? 0.05 + next() * 0.4 : 0.55 + (1 - next() ** 2) * 0.45) * 10_000) / 10_000;
  const intent = fallback ? 'fallback_intent' : best;
  const fallbackReason = fallback ? FALLBACK_REASONS[Math.floor(next() * FALLBACK_REASONS.length)] : 'NONE';
  const data = {
    text: `user message ${Math.floor(next() * 1e6)} about ${best}`,
    intent,
    score: fallback ? 1 : score,
    scope: state,
    fallbackReason,
    modelVersion: 'bench000000000001',
    matchedSentence: `user message about ${best}`,
    matchedParameters: [],
    ranking: [
      { intent: best, score },
      { intent: skewed(next, INTENTS), score: Math.round(score * next() * 10_000) / 10_000 },
    ],
  };
  return { kind: 'prediction', at, state, intent, score, fallbackReason, data };
}
