/**
 * Sorts a scope's intents by score, best first, ties in definition order. It runs on every prediction over up to
 * hundreds of intents, so it avoids a comparator: for scores ≥ 0 the float32 bit pattern, read as an unsigned
 * integer, orders like the score, so "(max − bits) · 2^16 + index" is an exact float64 key whose native numeric
 * sort gives the ranking directly.
 */
import type { IntentScore } from '@parley/domain';

const INDEX_RANGE = 65536;

export function rankIntents(intents: readonly number[], scores: Float32Array, names: readonly string[]): IntentScore[] {
  if (names.length > INDEX_RANGE) return rankWithComparator(intents, scores, names);
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, scores.length);
  const keys = new Float64Array(intents.length);
  for (let i = 0; i < intents.length; i++) {
    const index = intents[i]!;
    keys[i] = (0xffffffff - bits[index]!) * INDEX_RANGE + index;
  }
  keys.sort();
  const ranking: IntentScore[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const index = keys[i]! % INDEX_RANGE;
    ranking[i] = { intent: names[index]!, score: scores[index]! };
  }
  return ranking;
}

function rankWithComparator(intents: readonly number[], scores: Float32Array, names: readonly string[]): IntentScore[] {
  const order = [...intents].sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.map((index) => ({ intent: names[index]!, score: scores[index]! }));
}
