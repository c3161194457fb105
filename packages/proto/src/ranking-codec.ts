/**
 * The ranking of an IntentClassifierPrediction (its repeated IntentScore) to and from bytes by hand. A full ranking
 * has an entry per intent of the scope (150 for CLINC150), and protobufjs spends about 0.3 µs an entry each way
 * (an object built from the plain one, then encoded; decoded, then copied to a plain object): more than the
 * prediction itself. Here each intent name's bytes are encoded once and kept, and a message's names are read out of
 * a cache of the names already seen. prediction-codec.test.ts checks both directions against protobufjs.
 */
import { LRUCache } from 'lru-cache';
import type { IntentScore, IntentScore__Output } from './generated/parley/nlu/v1/IntentScore';
import { WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WireError, WireReader, varintSize, writeVarint } from './protobuf-wire';

/** The field numbers the codec writes and reads, taken from the loaded nlu.proto (prediction-codec.ts). */
export interface RankingFields {
  /** IntentClassifierPrediction.ranking */
  ranking: number;
  /** IntentScore.intent */
  intent: number;
  /** IntentScore.score */
  score: number;
}

let RANKING_TAG = 0;
let INTENT_TAG = 0;
let SCORE_TAG = 0;

/** Sets the field numbers; every tag here fits one byte (fields 1–15), which the fast paths rely on. */
export function useRankingFields(fields: RankingFields): number {
  for (const [name, number] of Object.entries(fields)) {
    if (number < 1 || number > 15) throw new Error(`ranking codec: field ${name} is numbered ${number}, outside 1–15`);
  }
  RANKING_TAG = (fields.ranking << 3) | WIRE_LENGTH_DELIMITED;
  INTENT_TAG = (fields.intent << 3) | WIRE_LENGTH_DELIMITED;
  SCORE_TAG = (fields.score << 3) | WIRE_FIXED64;
  return RANKING_TAG;
}

/** An encoded score: its tag and a double. */
const SCORE_BYTES = 9;
/** Names each cache keeps: far more than the intents of the models one process serves at once. */
const NAMES_KEPT = 10_000;

/**
 * Intent name → the bytes of its ranking entry up to the score's value: the entry's tag and length, the intent field,
 * the score's tag. They are the same in every answer (a score is always 8 bytes). The least recently used go first.
 */
const entryHeads = new LRUCache<string, Uint8Array>({ max: NAMES_KEPT });

function entryHead(intent: string): Uint8Array {
  let head = entryHeads.get(intent);
  if (head === undefined) {
    const utf8 = Buffer.from(intent, 'utf8');
    const entryLength = 1 + varintSize(utf8.length) + utf8.length + SCORE_BYTES;
    head = new Uint8Array(1 + varintSize(entryLength) + entryLength - 8);
    let at = writeVarint(head, 1, entryLength);
    head[0] = RANKING_TAG;
    head[at++] = INTENT_TAG;
    at = writeVarint(head, at, utf8.length);
    head.set(utf8, at);
    head[head.length - 1] = SCORE_TAG;
    entryHeads.set(intent, head);
  }
  return head;
}

/** `head` (a prediction's other fields, already encoded) followed by `ranking`; every score is written, zero too, as protobufjs does. */
export function appendRanking(head: Uint8Array, ranking: readonly IntentScore[]): Buffer {
  const entries = new Array<Uint8Array>(ranking.length);
  let size = head.length;
  for (let index = 0; index < ranking.length; index += 1) {
    const entry = entryHead(ranking[index]!.intent ?? '');
    entries[index] = entry;
    size += entry.length + 8;
  }
  const target = Buffer.allocUnsafe(size);
  const view = new DataView(target.buffer, target.byteOffset, size);
  target.set(head, 0);
  let at = head.length;
  for (let index = 0; index < ranking.length; index += 1) {
    const entry = entries[index]!;
    target.set(entry, at);
    at += entry.length;
    view.setFloat64(at, Number(ranking[index]!.score ?? 0), true);
    at += 8;
  }
  return target;
}

/** A decoded intent name, kept with its bytes; names whose keys collide are chained. */
interface KnownName {
  bytes: Uint8Array;
  text: string;
  next: KnownName | undefined;
}

/**
 * Decoded names by a key of their length and a few of their bytes. A ranking's names are the same few dozen on every
 * answer of a model, so decoding one is a lookup and a byte comparison, and allocates nothing: a fresh string per
 * entry made a full answer's decoding allocate ~15 KB, and under load the client spent ~40 µs more per answer.
 * Bounded like the encoder's cache.
 */
const knownNames = new LRUCache<number, KnownName>({ max: NAMES_KEPT });

/** FNV-1a over the name's bytes, kept within V8's small integers. Exported for the tests, which make keys collide. */
export function nameKey(bytes: Uint8Array, start: number, length: number): number {
  let key = 0x811c9dc5;
  for (let index = start; index < start + length; index += 1) key = Math.imul(key ^ bytes[index]!, 0x01000193);
  return key & 0x3fffffff;
}

function decodeName(bytes: Buffer, start: number, end: number): string {
  const length = end - start;
  const key = nameKey(bytes, start, length);
  for (let known = knownNames.get(key); known !== undefined; known = known.next) {
    const candidate = known.bytes;
    if (candidate.length !== length) continue;
    let same = true;
    for (let index = 0; index < length && same; index += 1) same = candidate[index] === bytes[start + index];
    if (same) return known.text;
  }
  const text = bytes.toString('utf8', start, end);
  // A copy: Buffer#slice is a view, which would pin the received message and change if its buffer were reused.
  knownNames.set(key, { bytes: Uint8Array.prototype.slice.call(bytes, start, end), text, next: knownNames.peek(key) });
  return text;
}

/** Reads the IntentScore entries of one message. */
export class RankingReader {
  private view: DataView | undefined;

  constructor(private readonly message: Buffer) {}

  /** The entry from the reader's position to `end`; unknown fields are skipped. */
  readonly entry = (reader: WireReader, end: number): IntentScore__Output => {
    // What encoders write (this module and protobufjs alike): the intent (a name under 128 bytes), then the score.
    const bytes = this.message;
    const start = reader.position;
    const nameEnd = start + 2 + bytes[start + 1]!;
    if (bytes[start] === INTENT_TAG && bytes[start + 1]! < 0x80 && nameEnd + SCORE_BYTES === end && bytes[nameEnd] === SCORE_TAG) {
      this.view ??= new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      reader.position = end;
      return { intent: decodeName(bytes, start + 2, nameEnd), score: this.view.getFloat64(nameEnd + 1, true) };
    }
    return this.anyEntry(reader, end);
  };

  /** Any valid encoding of an entry: fields in any order, repeated or unknown. */
  private anyEntry(reader: WireReader, end: number): IntentScore__Output {
    let intent = '';
    let score = 0;
    while (reader.position < end) {
      const tag = reader.tag();
      if (tag === INTENT_TAG) {
        const nameEnd = reader.lengthDelimited();
        intent = decodeName(this.message, reader.position, nameEnd);
        reader.position = nameEnd;
      } else if (tag === SCORE_TAG) {
        score = reader.double();
      } else {
        reader.skip(tag % 8);
      }
    }
    if (reader.position !== end) throw new WireError(`a ranking entry's field runs past the entry`);
    return { intent, score };
  }
}
