/**
 * Synthetic "background" sentences: words of the training sentences drawn at random into bags as long as real
 * sentences. Trained as one extra class that no scope names, they teach the classifier that a mix of unrelated
 * words is none of the intents, so text outside every intent scores low (even in a one-intent scope).
 */
import type { ProcessedText } from '../text/text-pipeline';
import { SeededRandom } from '../classifier/seeded-random';

export function backgroundSentences(sentences: readonly ProcessedText[], count: number, seed: number): ProcessedText[] {
  const tokens: Array<[string, string]> = [];
  for (const sentence of sentences) sentence.words.forEach((word, i) => tokens.push([word, sentence.stems[i] as string]));
  if (tokens.length === 0) return [];
  const random = new SeededRandom(seed ^ 0x5bd1e995);
  return Array.from({ length: count }, () => {
    const length = Math.max(1, (sentences[random.int(sentences.length)] as ProcessedText).words.length);
    const picked = Array.from({ length }, () => tokens[random.int(tokens.length)] as [string, string]);
    return { words: picked.map(([word]) => word), stems: picked.map(([, stem]) => stem) };
  });
}
