/**
 * What the fuzzers expect the store to hold: per session of a pool, whether it exists and the history it must have
 * (who spoke, in order, and the user's texts), built from the answers the service gave. `check` compares that with
 * the history the service returns and lists every difference, so "the store is consistent" is a checked claim.
 */

export interface HistoryEntry {
  seq: number;
  sender: number;
  type: string;
  text: string;
  content: unknown;
  at: string;
}

interface SessionModel {
  exists: boolean;
  /** The expected rows: 0 = bot, 1 = user; for user messages, their text. */
  rows: Array<{ sender: 0 | 1; text?: string }>;
  /** messageIds whose turn ran: a later 200 with the same id is a replay and adds nothing. */
  answered: Set<string>;
}

export type TurnKind = 'message' | 'file' | 'event';

export class HistoryModel {
  private readonly sessions = new Map<string, SessionModel>();

  created(id: string, replies: number): void {
    this.sessions.set(id, { exists: true, rows: Array.from({ length: replies }, () => ({ sender: 0 as const })), answered: new Set() });
  }

  deleted(id: string): void {
    const session = this.sessions.get(id);
    if (session) session.exists = false;
  }

  exists(id: string): boolean {
    return this.sessions.get(id)?.exists === true;
  }

  tracks(id: string): boolean {
    return this.sessions.has(id);
  }

  /** A 200 for a turn: adds the user row and the replies, unless it replays an answered messageId. */
  turned(id: string, turn: { kind: TurnKind; text?: string; messageId?: string }, replies: number): void {
    const session = this.sessions.get(id);
    if (!session) return;
    if (turn.messageId !== undefined) {
      if (session.answered.has(turn.messageId)) return;
      session.answered.add(turn.messageId);
    }
    session.rows.push(
      { sender: 1, ...(turn.kind === 'message' ? { text: turn.text } : {}) },
      ...Array.from({ length: replies }, () => ({ sender: 0 as const })),
    );
  }

  reset(id: string, replies: number): void {
    this.sessions.get(id)?.rows.push(...Array.from({ length: replies }, () => ({ sender: 0 as const })));
  }

  ids(): string[] {
    return [...this.sessions.keys()];
  }

  /** Every difference between the expected history of `id` and `entries` (its whole history, in order). */
  check(id: string, entries: HistoryEntry[], total: number): string[] {
    const session = this.sessions.get(id);
    if (!session?.exists) return entries.length === 0 ? [] : [`${id}: deleted, yet has ${entries.length} rows`];
    const problems: string[] = [];
    if (total !== entries.length) problems.push(`${id}: total ${total}, but ${entries.length} rows`);
    entries.forEach((entry, index) => {
      if (entry.seq !== index + 1) problems.push(`${id}: row ${index + 1} has seq ${entry.seq}`);
      if (
        (entry.sender !== 0 && entry.sender !== 1) ||
        typeof entry.type !== 'string' ||
        typeof entry.text !== 'string' ||
        Number.isNaN(Date.parse(entry.at))
      ) {
        problems.push(`${id}: malformed row ${JSON.stringify(entry).slice(0, 200)}`);
      }
    });
    const senders = entries.map((entry) => entry.sender).join('');
    const expected = session.rows.map((row) => row.sender).join('');
    if (senders !== expected) problems.push(`${id}: senders ${senders}, expected ${expected}`);
    else problems.push(...this.userTexts(id, session, entries));
    return problems;
  }

  private userTexts(id: string, session: SessionModel, entries: HistoryEntry[]): string[] {
    const problems: string[] = [];
    session.rows.forEach((row, index) => {
      const entry = entries[index];
      // Lone surrogates are open bug D1 (not kept faithfully by every store): only well-formed texts are compared.
      if (row.text === undefined || !entry || !row.text.isWellFormed()) return;
      if (entry.content !== row.text && entry.text !== row.text)
        problems.push(`${id}: row ${index + 1} holds ${JSON.stringify(entry.content)}, sent ${JSON.stringify(row.text)}`);
    });
    return problems;
  }
}
