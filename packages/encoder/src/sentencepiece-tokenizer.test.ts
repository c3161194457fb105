/**
 * The tokenizer against the published one (@tensorflow-models/universal-sentence-encoder 1.3.3, run outside the
 * repository on the same vocabulary): these ids are its output. It also matched on all 23,700 CLINC150 texts.
 */
import { describe, expect, it } from 'vitest';
import { SentencePieceTokenizer } from './sentencepiece-tokenizer';
import { readVocabulary, requireUseLite } from './use-lite-package';

const REFERENCE: [text: string, ids: number[]][] = [
  ['How do I reset my password?', [728, 64, 16, 137, 1383, 69, 5969, 54]],
  ['Hello, world! What’s up?!', [341, 4125, 8, 311, 78, 379, 2390, 7, 79, 4252]],
  ['Transfer $1,250.75 to account 0042 at 7:30pm', [4099, 2200, 872, 8, 288, 1019, 6, 3420, 10, 826, 30, 2867, 5392, 38, 444, 4177, 3912]],
  [
    'Café crème brûlée à la façon de Noël',
    [823, 209, 1133, 2266, 5016, 329, 464, 93, 0, 139, 1133, 59, 30, 4969, 549, 1138, 6801, 175, 201, 262, 7989, 139],
  ],
  ['I love pizza 🍕😀 so much', [16, 241, 6077, 30, 0, 63, 165]],
  ['', []],
  ['   leading and   inner spaces ', [30, 30, 30, 2428, 12, 30, 30, 15, 625, 1016, 7, 30]],
  ['ＦＵＬＬＷＩＤＴＨ ﬁ ligature ²', [189, 4664, 277, 331, 2609, 3651, 1480, 30, 3994, 4129, 193]],
  ['日本語 and ελληνικά', [30, 0, 12, 30, 0, 7970, 0]],
  [
    'Please could you tell me, in as much detail as you possibly can, whether the flight from San Francisco to New York City that ' +
      'departs tomorrow morning at 6:45 has been delayed, cancelled, or rebooked onto another carrier, because I need to know ' +
      'before I leave for the airport.',
    [
      1910, 145, 19, 416, 84, 8, 15, 36, 165, 4989, 36, 19, 3143, 42, 8, 968, 9, 3198, 50, 1452, 5835, 10, 476, 1193, 1258, 20, 201, 2500,
      7, 4579, 1453, 38, 365, 57, 3285, 61, 118, 4560, 26, 8, 5233, 1149, 8, 39, 137, 2571, 26, 3238, 376, 6409, 8, 130, 16, 161, 10, 123,
      218, 16, 764, 22, 9, 4893, 6,
    ],
  ],
];

describe('SentencePieceTokenizer', () => {
  const tokenizer = new SentencePieceTokenizer(readVocabulary(requireUseLite()));

  it.each(REFERENCE)('%j → the published tokenizer’s ids', (text, ids) => {
    expect(tokenizer.encode(text)).toEqual(ids);
  });

  it('never produces a reserved symbol but the unknown piece, and merges consecutive unknowns', () => {
    const ids = tokenizer.encode('<s></s> extra_token_id_1 🍕🍕🍕');
    expect(ids.filter((id) => id > 0 && id < 6)).toEqual([]);
    expect(ids.at(-1)).toBe(0);
    expect(ids.at(-2)).not.toBe(0);
  });

  it('keeps a tie to the later piece, as the published tokenizer does', () => {
    // A vocabulary where "ab" scores exactly "a" + "b": both segmentations tie; the one ending in the later-starting piece wins.
    const reserved = ['<unk>', '<s>', '</s>', 'r1', 'r2', 'r3'].map((piece) => [piece, 0] as const);
    const tie = new SentencePieceTokenizer([...reserved, ['▁', -1], ['a', -2], ['b', -3], ['ab', -5], ['▁ab', -7]]);
    expect(tie.encode('ab')).toEqual([6, 7, 8]);
  });
});
