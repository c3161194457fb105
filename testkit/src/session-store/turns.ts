/**
 * Builders for store tests: unique session ids and ready-made turns to commit. Free of vitest, so child
 * processes of the tests can use them too.
 */
import { randomUUID } from 'node:crypto';
import type { JsonValue } from '@parley/domain';
import type { NewHistoryEntry, SessionRecord, SessionStore, TurnCommit } from '@parley/session-store';

/** A session id unique to this run and test. */
export function newId(): string {
  return `t-${randomUUID()}`;
}

export function isoNow(): string {
  return new Date().toISOString();
}

export function historyEntry(text: string, content: JsonValue = { text }): NewHistoryEntry {
  return { sender: text.startsWith('u') ? 1 : 0, type: 'str', text, content, at: isoNow() };
}

/** A commit for session `id` that read `version`: one history row per text (default 'hello') and one audit row. */
export function turn(
  id: string,
  version: number,
  session: Partial<Pick<SessionRecord, 'state' | 'variables'>> = {},
  idempotency?: TurnCommit['idempotency'],
  texts: string[] = ['hello'],
  content?: JsonValue,
): TurnCommit {
  const now = isoNow();
  return {
    session: { id, state: session.state ?? 'init', variables: session.variables ?? {}, createdAt: now, updatedAt: now, version },
    history: texts.map((text) => historyEntry(text)).concat(content === undefined ? [] : [historyEntry('rich', content)]),
    audit: [{ kind: 'transition', data: content === undefined ? { dest: session.state ?? 'init' } : { payload: content }, at: now }],
    ...(idempotency ? { idempotency } : {}),
  };
}

/** Creates a session at version 1 with one history row and one audit row; returns its id. */
export async function created(store: SessionStore): Promise<string> {
  const id = newId();
  await store.create(turn(id, 0));
  return id;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
