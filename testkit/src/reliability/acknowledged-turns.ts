/**
 * The "no acknowledged turn lost" check of the fault tests: given the turns a service answered with 200 (each with
 * a unique text) and a session's whole history, every such turn's user row is there exactly once, directly
 * followed by exactly the replies it was answered with.
 */

export interface AcknowledgedTurn {
  session: string;
  messageId: string;
  /** Unique among all turns, so its user row can be found. */
  text: string;
  /** The 200 answer's body, as JSON text. */
  answer: string;
}

export interface HistoryRow {
  sender: number;
  text: string;
}

export function lostTurns(session: string, rows: HistoryRow[], turns: AcknowledgedTurn[]): string[] {
  const problems: string[] = [];
  for (const turn of turns.filter((candidate) => candidate.session === session)) {
    const found = rows.flatMap((row, index) => (row.sender === 1 && row.text === turn.text ? [index] : []));
    const [at] = found;
    if (found.length !== 1 || at === undefined) {
      problems.push(`${turn.messageId}: its user row appears ${found.length} times`);
      continue;
    }
    const replies = (JSON.parse(turn.answer) as { replies: Array<{ content: unknown }> }).replies;
    const following = rows.slice(at + 1, at + 1 + replies.length);
    const matches =
      following.length === replies.length &&
      following.every((row, index) => {
        const content = replies[index]?.content;
        return row.sender === 0 && (typeof content !== 'string' || row.text === content);
      });
    if (!matches) problems.push(`${turn.messageId}: the rows after it are not its replies`);
  }
  return problems;
}
