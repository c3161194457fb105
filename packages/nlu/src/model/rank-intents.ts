/**
 * Sorts a scope's intents by score, best first, ties in definition order. It runs on every prediction over up to
 * hundreds of intents, so it avoids a comparator and, usually, a sort call. For scores ≥ 0 the float32 bit pattern,
 * read as an unsigned integer, orders like the score; its top 9 bits are the exponent. Intents are first counted
 * into one bucket per exponent (best first); softmax scores spread over dozens of exponents, so buckets hold a few
 * intents each and an insertion sort finishes them. When a bucket is large (scores alike, e.g. an untrained model) the
 * scope is sorted natively on exact float64 keys, "(max − bits) · 2^16 + index", instead.
 */
import type { IntentScore } from '@parley/domain';

const INDEX_RANGE = 65536;
const EXPONENTS = 256;
/** With a bucket larger than this, the whole scope goes to the native sort. */
const INSERTION_MAX = 64;

const bucketStarts = new Int32Array(EXPONENTS + 1);
let order = new Int32Array(256);

export function rankIntents(intents: readonly number[], scores: Float32Array, names: readonly string[]): IntentScore[] {
  if (names.length > INDEX_RANGE) return rankWithComparator(intents, scores, names);
  const bits = new Uint32Array(scores.buffer, scores.byteOffset, scores.length);
  const sorted = sortByBits(intents, bits);
  const ranking = new Array<IntentScore>(intents.length);
  for (let i = 0; i < intents.length; i++) {
    const index = sorted[i]!;
    ranking[i] = { intent: names[index]!, score: scores[index]! };
  }
  return ranking;
}

/** Intent indices, best score first; a view of a buffer reused by the next call. */
function sortByBits(intents: readonly number[], bits: Uint32Array): Int32Array {
  const n = intents.length;
  if (order.length < n) order = new Int32Array(n);
  // Bucket b holds exponent 255 − b, so bucket order is best first.
  bucketStarts.fill(0);
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, ++bucketStarts[EXPONENTS - (bits[intents[i]!]! >>> 23)]!);
  if (largest > INSERTION_MAX) return sortNatively(intents, bits);
  let total = 0;
  for (let b = 0; b <= EXPONENTS; b++) {
    const count = bucketStarts[b]!;
    bucketStarts[b] = total;
    total += count;
  }
  for (let i = 0; i < n; i++) {
    const index = intents[i]!;
    order[bucketStarts[EXPONENTS - (bits[index]! >>> 23)]!++] = index;
  }
  // Ordered by exponent already: an insertion sort only moves intents within their bucket.
  for (let i = 1; i < n; i++) {
    const index = order[i]!;
    const key = bits[index]!;
    let j = i - 1;
    while (j >= 0 && (bits[order[j]!]! < key || (bits[order[j]!]! === key && order[j]! > index))) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = index;
  }
  return order.subarray(0, n);
}

function sortNatively(intents: readonly number[], bits: Uint32Array): Int32Array {
  const keys = new Float64Array(intents.length);
  for (let i = 0; i < intents.length; i++) keys[i] = (0xffffffff - bits[intents[i]!]!) * INDEX_RANGE + intents[i]!;
  keys.sort();
  // The key's low 16 bits are the index (ToInt32 keeps an integer's low bits exactly up to 2^53).
  for (let i = 0; i < intents.length; i++) order[i] = keys[i]! & (INDEX_RANGE - 1);
  return order.subarray(0, intents.length);
}

function rankWithComparator(intents: readonly number[], scores: Float32Array, names: readonly string[]): IntentScore[] {
  const order = [...intents].sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.map((index) => ({ intent: names[index]!, score: scores[index]! }));
}
