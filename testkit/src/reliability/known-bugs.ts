/**
 * Open bugs outside the reliability suite's files (the dialogue service, the domain, @parley/nlu) that some cases
 * still show.
 * Each such case runs as `it.fails`: it passes while the bug is there and fails once the bug is fixed, when its
 * entry goes. The summaries count these cases apart (knownBugs), never as passed. RELIABILITY.md lists them.
 */
export interface KnownBug {
  id: string;
  /** Which case names show it (the full name, with its "[store]" label). */
  cases: RegExp;
  bug: string;
}

/** None open: D1–D6 (dialogue, domain) and N1 (@parley/nlu) are fixed; see RELIABILITY.md. */
export const KNOWN_BUGS: KnownBug[] = [];

export function knownBug(name: string): KnownBug | undefined {
  return KNOWN_BUGS.find((entry) => entry.cases.test(name));
}
