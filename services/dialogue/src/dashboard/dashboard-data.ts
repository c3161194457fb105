/**
 * The dashboard's data (GET /v1/dashboard): the audit summary of a time window, the bot's states and transitions
 * with the traffic each edge carried, the bot's intents (what a message can be labelled with) and the model
 * versions that answered. Everything the page draws comes from this one answer.
 */
import { ParleyError } from '@parley/domain';
import { auditTime, type SessionStore } from '@parley/session-store';
import type { DialogueBot } from '../bot/dialogue-bot';
import { summarizeAudit, type AuditSummary, type EdgeTraffic } from './audit-summary';
import { readAuditWindow } from './read-audit-window';

export interface DashboardQuery {
  /** ISO-8601 with a time zone; default: 24 hours before `to`. */
  from?: string;
  /** ISO-8601 with a time zone, exclusive; default: now. */
  to?: string;
  /** A matched prediction scored below this is listed as low confidence. Default 0.5. */
  lowConfidence?: number;
}

export interface DashboardGraph {
  states: Array<{ name: string; initial: boolean }>;
  /** Every declared transition (count 0 when untaken), then any taken edge the bot does not declare (global states). */
  edges: Array<EdgeTraffic & { declared: boolean }>;
}

export interface DashboardData extends AuditSummary {
  bot: string;
  intentNames: string[];
  window: { from: string; to: string; bucketMs: number; lowConfidence: number };
  /** Audit rows the summary was computed from. */
  rowsRead: number;
  /** True when the window held more rows than one request reads: the summary covers the newest. */
  truncated: boolean;
  graph: DashboardGraph;
  /** Where labelled phrases go: the definition file, or (a TypeScript-only bot) nowhere: they are shown for pasting. */
  labels: 'definition-file' | 'snippet';
}

const DAY_MS = 86_400_000;
const DEFAULT_LOW_CONFIDENCE = 0.5;
/** Bucket widths, smallest first; a window gets the smallest that needs at most MAX_BUCKETS. */
const BUCKET_MS = [60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, DAY_MS, 7 * DAY_MS];
const MAX_BUCKETS = 48;

export async function dashboardData(
  store: Pick<SessionStore, 'queryAudit'>,
  bot: DialogueBot,
  query: DashboardQuery,
  options: { now: Date; hasDefinitionFile: boolean },
): Promise<DashboardData> {
  const toMs = query.to === undefined ? options.now.getTime() : auditTime(query.to, 'to');
  const fromMs = query.from === undefined ? toMs - DAY_MS : auditTime(query.from, 'from');
  if (fromMs >= toMs) throw new ParleyError('INVALID_ARGUMENT', 'from must be before to', { field: 'from' });
  const span = toMs - fromMs;
  const bucketMs = BUCKET_MS.find((width) => span / width <= MAX_BUCKETS) ?? Math.ceil(span / MAX_BUCKETS);
  const lowConfidence = query.lowConfidence ?? DEFAULT_LOW_CONFIDENCE;
  const window = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  const audit = await readAuditWindow(store, window);
  const summary = summarizeAudit(audit.rows, { fromMs, toMs, bucketMs, lowConfidence });
  const definition = bot.definition();
  return {
    bot: definition.name,
    intentNames: definition.intents.map((intent) => intent.name),
    window: { ...window, bucketMs, lowConfidence },
    rowsRead: audit.rows.length,
    truncated: audit.truncated,
    ...summary,
    graph: graphOf(bot, summary.transitions),
    labels: options.hasDefinitionFile ? 'definition-file' : 'snippet',
  };
}

function graphOf(bot: DialogueBot, taken: readonly EdgeTraffic[]): DashboardGraph {
  const declared = (bot.states ?? []).flatMap((state) =>
    state.transitions.map((transition) => [transition.source, transition.dest] as const),
  );
  const count = new Map(taken.map((edge) => [`${edge.source}\u0000${edge.dest}`, edge.count]));
  const edges = new Map<string, EdgeTraffic & { declared: boolean }>();
  for (const [source, dest] of declared)
    edges.set(`${source}\u0000${dest}`, { source, dest, count: count.get(`${source}\u0000${dest}`) ?? 0, declared: true });
  for (const edge of taken) {
    const key = `${edge.source}\u0000${edge.dest}`;
    if (!edges.has(key)) edges.set(key, { ...edge, declared: false });
  }
  const states = (bot.states ?? []).map((state) => ({ name: state.name, initial: state.initial }));
  const named = new Set(states.map((state) => state.name));
  for (const edge of edges.values()) {
    for (const name of [edge.source, edge.dest]) {
      if (!named.has(name)) {
        named.add(name);
        states.push({ name, initial: false });
      }
    }
  }
  return { states, edges: [...edges.values()] };
}
