// The filters bench:audit times: each a page of 50 rows, its values rotating with the sample number. A page deep
// in the results is reached by cursor before the clock starts, so only that page's query is timed.
const PAGE = 50;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function auditQueries(vocabulary) {
  const { states, intents, start, end, sessionId } = vocabulary;
  const intent = (n) => intents[n % intents.length];
  const state = (n) => states[n % states.length];
  const reason = (n) => ['LOW_CONFIDENCE', 'AMBIGUOUS', 'OUT_OF_VOCABULARY'][n % 3];
  const day = (n) => start + (n % 28) * DAY + 7 * HOUR;
  const iso = (ms) => new Date(ms).toISOString();
  const page = (name, filters) => ({ name, run: (store, n) => timed(store, { ...filters(n), limit: PAGE }) });
  const deep = (name, filters) => ({ name, run: (store, n) => timedDeep(store, { ...filters(n), limit: PAGE }, 10) });
  return [
    page('none (the newest page)', () => ({})),
    page('session', (n) => ({ sessionId: sessionId(n) })),
    page('intent', (n) => ({ intent: intent(n) })),
    page('state', (n) => ({ state: state(n) })),
    page('fallback reason', (n) => ({ fallbackReason: reason(n) })),
    page('kind (session events, 2 %)', () => ({ kind: 'session' })),
    page('score ≤ 0.3 (low confidence)', () => ({ kind: 'prediction', maxScore: 0.3 })),
    page('score in a 0.01 band', (n) => ({ minScore: 0.6 + (n % 35) / 100, maxScore: 0.61 + (n % 35) / 100 })),
    page('one hour', (n) => ({ from: iso(day(n)), to: iso(day(n) + HOUR) })),
    page('intent + one day', (n) => ({ intent: intent(n), from: iso(day(n)), to: iso(day(n) + DAY) })),
    page('state + fallback reason', (n) => ({ state: state(n), fallbackReason: 'LOW_CONFIDENCE' })),
    page('intent + state + score ≥ 0.9', (n) => ({ intent: intent(n), state: state(n * 7), minScore: 0.9 })),
    page('session + kind + one week', (n) => ({ sessionId: sessionId(n), kind: 'prediction', from: iso(end - 30 * DAY), to: iso(end) })),
    deep('page 10 of no filter (cursor)', () => ({})),
    deep('page 10 of an intent (cursor)', (n) => ({ intent: intent(n) })),
    page('nothing matches: NONE with score < 0.1', () => ({ fallbackReason: 'NONE', maxScore: 0.1 })),
    page('nothing matches: fallback_intent with NONE', () => ({ intent: 'fallback_intent', fallbackReason: 'NONE' })),
  ];
}

async function timed(store, query) {
  const started = performance.now();
  const page = await store.queryAudit(query);
  return { ms: performance.now() - started, rows: page.rows.length };
}

async function timedDeep(store, query, pageNumber) {
  let cursor;
  for (let index = 1; index < pageNumber; index += 1) {
    const page = await store.queryAudit({ ...query, ...(cursor ? { cursor } : {}) });
    cursor = page.nextCursor;
    if (cursor === undefined) break;
  }
  return timed(store, { ...query, ...(cursor ? { cursor } : {}) });
}
