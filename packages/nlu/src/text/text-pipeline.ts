/**
 * Normalise → tokenize → stem, per language. Placeholder tokens produced by the NER pass through unchanged.
 * (Interim version; the language plugins replace the stemming below.)
 */
export interface ProcessedText {
  /** Normalised (NFKC, lowercase) word tokens; punctuation dropped; placeholders kept as-is. */
  words: string[];
  /** One stem per word (placeholders unchanged). */
  stems: string[];
}

export class TextPipeline {
  constructor(readonly language: string) {}

  process(text: string): ProcessedText {
    const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
    return { words, stems: [...words] };
  }
}
