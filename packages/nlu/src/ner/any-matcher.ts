/**
 * base.any: free text at the fragment's place ("my name is NAME" → everything after "my name is"). Each training
 * sentence with `any` parameters gives a template: up to three words before the first slot, the words between
 * slots, and up to three words after the last. A template fits the user's words when its words between slots
 * match and, counted with the words matched around them, at least two context words surround untaken text.
 */
import type { IntentDefinition } from '@parley/domain';
import { foldWord } from '../text/fold-text';
import { PLACEHOLDER_SOURCE, isPlaceholder } from '../text/placeholder';
import type { WordToken } from '../text/word-tokens';
import type { EntityMatcher } from './entity-matcher';
import type { Candidate, RecognitionContext } from './recognition-context';
import { replaceFragments } from './replace-fragments';

const ANY_ENTITY = 'base.any';
const CONTEXT_WORDS = 3;
const MIN_CONTEXT_MATCHED = 2;
const SENTENCE_TOKEN = new RegExp(`${PLACEHOLDER_SOURCE}|[\\p{L}\\p{N}]+`, 'gu');
/** A slot does not run over the end of a sentence or over another entity's value. */
const BREAK = /[.!?;\uE000]/;

interface Template {
  before: string[];
  /** The words between consecutive slots: one list fewer than there are slots. */
  between: string[][];
  after: string[];
}

interface Fit {
  /** Word index ranges [first, last] of each slot. */
  slots: Array<[number, number]>;
  score: number;
}

export class AnyMatcher implements EntityMatcher {
  readonly entities = [ANY_ENTITY] as const;
  private readonly templates: Template[];

  /** `uses`: how many `any` values one text may hold (the most `any` parameters of one intent). */
  constructor(
    intents: readonly IntentDefinition[],
    placeholderOf: (entity: string) => string,
    private readonly uses: number,
  ) {
    const slot = placeholderOf(ANY_ENTITY);
    this.templates = intents
      .filter((intent) => intent.parameters.some((parameter) => parameter.entity === ANY_ENTITY))
      .flatMap((intent) => intent.trainingSentences.map((sentence) => templateOf(replaceFragments(intent, sentence, placeholderOf), slot)))
      .filter((template): template is Template => template !== undefined);
  }

  find(context: RecognitionContext): Candidate[] {
    const line = new WordLine(context.words, context.folded.text);
    const fits = this.templates
      .map((template) => line.fit(template))
      .filter((fit): fit is Fit => fit !== undefined)
      .sort((a, b) => b.score - a.score);
    const chosen: Array<[number, number]> = [];
    for (const fit of fits) {
      if (chosen.length + fit.slots.length > this.uses) continue;
      if (fit.slots.some(([first, last]) => chosen.some(([f, l]) => first <= l && f <= last))) continue;
      chosen.push(...fit.slots);
    }
    return chosen.map(([first, last]) => {
      const span = context.toOriginal(context.words[first]?.start ?? 0, context.words[last]?.end ?? 0);
      return { entity: ANY_ENTITY, ...span, value: context.text.slice(span.start, span.end), info: {} };
    });
  }
}

/** The template of a prepared sentence; undefined without a slot, or with two slots side by side (no way to split). */
function templateOf(prepared: string, slot: string): Template | undefined {
  const tokens = [...prepared.matchAll(SENTENCE_TOKEN)].map((m) => (isPlaceholder(m[0]) ? m[0] : foldWord(m[0])));
  const slots = tokens.flatMap((token, i) => (token === slot ? [i] : []));
  const first = slots[0];
  const last = slots.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const between = slots.slice(1).map((s, k) => tokens.slice((slots[k] ?? 0) + 1, s));
  if (between.some((words) => words.length === 0)) return undefined;
  const before: string[] = [];
  for (let k = first - 1; k >= 0 && before.length < CONTEXT_WORDS && !isPlaceholder(tokens[k] ?? ''); k--) before.unshift(tokens[k] ?? '');
  const after: string[] = [];
  for (let k = last + 1; k < tokens.length && after.length < CONTEXT_WORDS && !isPlaceholder(tokens[k] ?? ''); k++)
    after.push(tokens[k] ?? '');
  return { before, between, after };
}

/** The user's words, and whether a break (sentence end, taken text) separates two neighbours. */
class WordLine {
  constructor(
    private readonly words: WordToken[],
    private readonly text: string,
  ) {}

  /** The best placement of the template's slots, by context words matched. */
  fit(template: Template): Fit | undefined {
    let best: Fit | undefined;
    for (let start = 0; start < this.words.length; start++) {
      const before = this.matchedBefore(template.before, start);
      if (template.before.length > 0 && before === 0) continue;
      const placed = this.place(template, start);
      if (placed === undefined) continue;
      const score = before + placed.score;
      if (score >= MIN_CONTEXT_MATCHED && (best === undefined || score > best.score)) best = { slots: placed.slots, score };
    }
    return best;
  }

  /** Slots from word `start` on: each up to the next run of words between slots, the last up to `after` or a break. */
  private place(template: Template, start: number): Fit | undefined {
    const slots: Array<[number, number]> = [];
    let score = 0;
    let first = start;
    for (const between of template.between) {
      const end = this.slotEnd(first, between, true);
      if (end === undefined) return undefined;
      slots.push([first, end.last]);
      score += end.matched;
      first = end.last + 1 + between.length;
    }
    const end = this.slotEnd(first, template.after, false);
    if (end === undefined) return undefined;
    slots.push([first, end.last]);
    return { slots, score: score + end.matched };
  }

  /** How many of the words before a slot end right before word `s`, without a break among them. */
  private matchedBefore(before: string[], s: number): number {
    let matched = 0;
    while (
      matched < before.length &&
      !this.breakBefore(s - matched) &&
      this.words[s - 1 - matched]?.text === before[before.length - 1 - matched]
    )
      matched++;
    return matched;
  }

  /** The last word of a slot from `s`: before `next` words (all of them if `required`), or before a break. */
  private slotEnd(s: number, next: string[], required: boolean): { last: number; matched: number } | undefined {
    if (s >= this.words.length) return undefined;
    for (let e = s; e < this.words.length; e++) {
      if (e + 1 >= this.words.length || this.breakBefore(e + 1)) return required ? undefined : { last: e, matched: 0 };
      const matched = this.matchedAfter(next, e + 1);
      if (matched > 0 && (!required || matched === next.length)) return { last: e, matched };
    }
    return undefined;
  }

  private matchedAfter(next: string[], s: number): number {
    let matched = 0;
    while (matched < next.length && this.words[s + matched]?.text === next[matched] && (matched === 0 || !this.breakBefore(s + matched)))
      matched++;
    return matched;
  }

  /** Whether a break separates word `i` from the word before it. */
  private breakBefore(i: number): boolean {
    const previous = this.words[i - 1];
    const current = this.words[i];
    return previous === undefined || current === undefined || BREAK.test(this.text.slice(previous.end, current.start));
  }
}
