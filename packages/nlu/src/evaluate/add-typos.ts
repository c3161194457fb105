/**
 * Seeded typo perturbation for robustness benchmarks: each word of 4+ letters gets, with the given probability,
 * one random edit (insert, delete, substitute or transpose), as a hurried typist would make.
 */
import { SeededRandom } from '../classifier/seeded-random';

export interface TypoOptions {
  probability?: number;
  seed?: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function addTypos(text: string, options: TypoOptions = {}): string {
  const probability = options.probability ?? 0.1;
  const random = new SeededRandom(options.seed ?? 42);
  return text.replace(/\p{L}{4,}/gu, (word) => (random.next() < probability ? editOnce(word, random) : word));
}

function editOnce(word: string, random: SeededRandom): string {
  const letters = [...word];
  const at = random.int(letters.length);
  const letter = LETTERS[random.int(LETTERS.length)] as string;
  switch (random.int(4)) {
    case 0:
      letters.splice(at, 0, letter);
      break;
    case 1:
      letters.splice(at, 1);
      break;
    case 2:
      // A substitution that changes nothing is no typo: pick the next letter instead.
      letters[at] = letters[at] === letter ? (LETTERS[(LETTERS.indexOf(letter) + 1) % LETTERS.length] as string) : letter;
      break;
    default: {
      const next = at === letters.length - 1 ? at - 1 : at + 1;
      // Swapping twin letters ("rr") changes nothing: drop one instead.
      if (letters[at] === letters[next]) letters.splice(at, 1);
      else [letters[at], letters[next]] = [letters[next] as string, letters[at] as string];
    }
  }
  return letters.join('');
}
