/**
 * What the dashboard draws, computed from audit rows (a pure function, so a test can compute the same from an
 * independent audit query): sessions and messages per time bucket, messages per intent, the fallback rate overall
 * and per state, a histogram of prediction scores, transition traffic per edge, the model versions seen, and the
 * recent fallback and low-confidence messages.
 */
import type { AuditRecord } from '@parley/session-store';

/** Score histogram bins: [0, 0.1), [0.1, 0.2), … [0.9, 1]. */
const SCORE_BINS = 10;
/** Recent fallback and low-confidence messages the summary lists at most. */
const MAX_RECENT_MESSAGES = 100;

export interface TimeBucket {
  /** ISO-8601 start of the bucket. */
  at: string;
  /** Distinct sessions with at least one audit row in the bucket. */
  sessions: number;
  /** User messages predicted in the bucket (prediction rows). */
  messages: number;
}

export interface StateFallbacks {
  state: string;
  messages: number;
  fallbacks: number;
  /** fallbacks / messages. */
  rate: number;
}

export interface EdgeTraffic {
  source: string;
  dest: string;
  /** Transitions taken along this edge in the window. */
  count: number;
}

export interface RecentMessage {
  id: number;
  at: string;
  sessionId: string;
  state?: string;
  text: string;
  intent?: string;
  score?: number;
  fallbackReason?: string;
}

export interface AuditSummary {
  timeline: TimeBucket[];
  /** Messages per predicted intent (fallback_intent included), most first. */
  intents: Array<{ intent: string; count: number }>;
  fallback: { messages: number; fallbacks: number; rate: number; byState: StateFallbacks[] };
  /** Prediction rows with a score, per bin of width 1 / SCORE_BINS. */
  scoreHistogram: number[];
  transitions: EdgeTraffic[];
  /** Model versions that answered, newest use first. */
  modelVersions: Array<{ version: string; messages: number; lastAt: string }>;
  /** Fallbacks and predictions scored below `lowConfidence`, newest first. */
  recent: RecentMessage[];
}

export interface SummaryOptions {
  /** Epoch ms of the first bucket's start. */
  fromMs: number;
  /** Epoch ms, exclusive. */
  toMs: number;
  bucketMs: number;
  /** A matched prediction scored below this is listed with the fallbacks. */
  lowConfidence: number;
}

/** `rows` in any order; those outside [fromMs, toMs) are ignored. */
export function summarizeAudit(rows: readonly AuditRecord[], options: SummaryOptions): AuditSummary {
  const { fromMs, toMs, bucketMs } = options;
  const buckets = Array.from({ length: Math.max(1, Math.ceil((toMs - fromMs) / bucketMs)) }, () => ({
    sessions: new Set<string>(),
    messages: 0,
  }));
  const intents = new Map<string, number>();
  const states = new Map<string, { messages: number; fallbacks: number }>();
  const edges = new Map<string, EdgeTraffic>();
  const versions = new Map<string, { version: string; messages: number; lastAt: string }>();
  const scoreHistogram = new Array<number>(SCORE_BINS).fill(0);
  const recent: RecentMessage[] = [];
  let messages = 0;
  let fallbacks = 0;
  for (const row of rows) {
    const atMs = Date.parse(row.at);
    if (atMs < fromMs || atMs >= toMs) continue;
    const bucket = buckets[Math.floor((atMs - fromMs) / bucketMs)];
    bucket?.sessions.add(row.sessionId);
    if (row.kind === 'transition') {
      const dest = typeof row.data['dest'] === 'string' ? row.data['dest'] : '?';
      const source = row.state ?? '?';
      const key = `${source}\u0000${dest}`;
      const edge = edges.get(key) ?? { source, dest, count: 0 };
      edge.count += 1;
      edges.set(key, edge);
      continue;
    }
    if (row.kind !== 'prediction') continue;
    messages += 1;
    if (bucket) bucket.messages += 1;
    const intent = row.intent ?? '?';
    intents.set(intent, (intents.get(intent) ?? 0) + 1);
    const isFallback = row.fallbackReason !== undefined && row.fallbackReason !== 'NONE';
    if (isFallback) fallbacks += 1;
    const state = states.get(row.state ?? '?') ?? { messages: 0, fallbacks: 0 };
    state.messages += 1;
    if (isFallback) state.fallbacks += 1;
    states.set(row.state ?? '?', state);
    if (row.score !== undefined) scoreHistogram[scoreBin(row.score)] = (scoreHistogram[scoreBin(row.score)] ?? 0) + 1;
    const version = row.data['modelVersion'];
    if (typeof version === 'string' && version !== '') {
      const seen = versions.get(version) ?? { version, messages: 0, lastAt: row.at };
      seen.messages += 1;
      if (row.at > seen.lastAt) seen.lastAt = row.at;
      versions.set(version, seen);
    }
    if (isFallback || (row.score !== undefined && row.score < options.lowConfidence)) recent.push(recentOf(row));
  }
  return {
    timeline: buckets.map((bucket, index) => ({
      at: new Date(fromMs + index * bucketMs).toISOString(),
      sessions: bucket.sessions.size,
      messages: bucket.messages,
    })),
    intents: [...intents]
      .map(([intent, count]) => ({ intent, count }))
      .sort((a, b) => b.count - a.count || a.intent.localeCompare(b.intent)),
    fallback: {
      messages,
      fallbacks,
      rate: ratio(fallbacks, messages),
      byState: [...states]
        .map(([state, counts]) => ({ state, ...counts, rate: ratio(counts.fallbacks, counts.messages) }))
        .sort((a, b) => a.state.localeCompare(b.state)),
    },
    scoreHistogram,
    transitions: [...edges.values()].sort((a, b) => b.count - a.count || a.source.localeCompare(b.source) || a.dest.localeCompare(b.dest)),
    modelVersions: [...versions.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt)),
    recent: recent.sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id).slice(0, MAX_RECENT_MESSAGES),
  };
}

/** The histogram bin of a score in [0, 1]; 1 falls in the last bin. */
export function scoreBin(score: number): number {
  return Math.min(SCORE_BINS - 1, Math.max(0, Math.floor(score * SCORE_BINS)));
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function recentOf(row: AuditRecord): RecentMessage {
  const text = row.data['text'];
  const message: RecentMessage = { id: row.id, at: row.at, sessionId: row.sessionId, text: typeof text === 'string' ? text : '' };
  if (row.state !== undefined) message.state = row.state;
  if (row.intent !== undefined) message.intent = row.intent;
  if (row.score !== undefined) message.score = row.score;
  if (row.fallbackReason !== undefined) message.fallbackReason = row.fallbackReason;
  return message;
}
