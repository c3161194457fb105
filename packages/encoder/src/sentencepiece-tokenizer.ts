/**
 * The SentencePiece-style tokenizer of Universal Sentence Encoder lite: text → piece ids, the model's input.
 *
 * The vocabulary is a list of [piece, score] pairs (a unigram language model: a score is a log-probability); a piece's
 * id is its position. The text is normalised (NFKC), spaces become '▁' and a '▁' is put in front. Then, over the
 * text's code points, the segmentation into pieces with the highest total score wins (Viterbi). A code point where no
 * piece starts becomes the unknown piece (id 0, score 0); consecutive unknowns merge into one. The first few
 * vocabulary entries are reserved symbols (unknown, <s>, </s>, …) and are never matched in text.
 *
 * It reproduces the ids of the published tokenizer of @tensorflow-models/universal-sentence-encoder, the one the
 * weights are served with, including its two tie rules (see `improves`).
 */

/** One vocabulary entry: the piece's text and its score (log-probability). */
export type VocabularyEntry = readonly [piece: string, score: number];

const SPACE = '\u2581';
const UNKNOWN_ID = 0;
const RESERVED_SYMBOLS = 6;

interface Piece {
  readonly id: number;
  readonly score: number;
  /** Length in code points. */
  readonly length: number;
}

export class SentencePieceTokenizer {
  /** Pieces by their text. A piece listed twice keeps its last id, as in the published tokenizer. */
  private readonly pieces = new Map<string, Piece>();
  /** The longest piece, in code points: how far a match is searched from a position. */
  private readonly longestPiece: number;

  constructor(vocabulary: readonly VocabularyEntry[]) {
    let longest = 1;
    for (let id = RESERVED_SYMBOLS; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id]!;
      const length = [...piece].length;
      this.pieces.set(piece, { id, score, length });
      longest = Math.max(longest, length);
    }
    this.longestPiece = longest;
  }

  /** The piece ids of a text, in order; [] for an empty text. */
  encode(text: string): number[] {
    const normalized = text.normalize('NFKC');
    if (normalized.length === 0) return [];
    const symbols = [...(SPACE + normalized.replaceAll(' ', SPACE))];
    const n = symbols.length;
    // best[end]: the highest total score of a segmentation of symbols[0, end); last[end]: the piece that ends it.
    const best = new Float64Array(n + 1);
    const last: Piece[] = new Array<Piece>(n + 1);
    for (let start = 0; start < n; start++) {
      const matches = this.piecesStartingAt(symbols, start);
      for (const piece of matches) {
        const end = start + piece.length;
        const score = best[start]! + piece.score;
        if (improves(score, best[end]!)) {
          best[end] = score;
          last[end] = piece;
        }
      }
    }
    const ids: number[] = [];
    for (let end = n; end > 0; end -= last[end]!.length) {
      const id = last[end]!.id;
      if (id !== UNKNOWN_ID || ids.at(-1) !== UNKNOWN_ID) ids.push(id);
    }
    return ids.reverse();
  }

  /** The pieces that match the text at `start`, shortest first; the unknown piece when none does. */
  private piecesStartingAt(symbols: readonly string[], start: number): Piece[] {
    const matches: Piece[] = [];
    let candidate = '';
    const stop = Math.min(symbols.length, start + this.longestPiece);
    for (let end = start; end < stop; end++) {
      candidate += symbols[end]!;
      const piece = this.pieces.get(candidate);
      if (piece !== undefined) matches.push(piece);
    }
    return matches.length > 0 ? matches : [{ id: UNKNOWN_ID, score: 0, length: 1 }];
  }
}

/**
 * Whether a segmentation scoring `score` replaces the best so far at the same end. As in the published tokenizer:
 * a total of exactly 0 counts as "none yet" (so any later candidate replaces it), and a tie goes to the later
 * candidate, the one whose last piece starts later (candidates arrive by ascending start).
 */
function improves(score: number, bestSoFar: number): boolean {
  return bestSoFar === 0 || score >= bestSoFar;
}
