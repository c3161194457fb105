/**
 * base.any: free text at the fragment's place ("my name is NAME" → everything after "my name is"). Each training
 * sentence with an `any` parameter gives a template: up to three words before the slot and up to three after.
 * A template fits when at least two of its context words surround a stretch of untaken text in the user's words.
 */
import type { IntentDefinition } from '@parley/domain';
import { foldWord } from '../text/fold-text';
import { PLACEHOLDER_SOURCE, isPlaceholder } from '../text/placeholder';
import type { EntityMatcher } from './entity-matcher';
import type { WordToken } from '../text/word-tokens';
import type { Candidate, RecognitionContext } from './recognition-context';
import { replaceFragments } from './replace-fragments';

export const ANY_ENTITY = 'base.any';
const CONTEXT_WORDS = 3;
const MIN_CONTEXT_MATCHED = 2;
const SENTENCE_TOKEN = new RegExp(`${PLACEHOLDER_SOURCE}|[\\p{L}\\p{N}]+`, 'gu');
/** A slot does not run over the end of a sentence or over another entity's value. */
const SLOT_BREAK = /[.!?;\uE000]/;

interface Template {
  before: string[];
  after: string[];
}

interface Fit {
  start: number;
  end: number;
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
      .flatMap((intent) => intent.trainingSentences.flatMap((sentence) => templatesOf(replaceFragments(intent, sentence, placeholderOf), slot)));
  }

  find(context: RecognitionContext): Candidate[] {
    const { words } = context;
    const text = context.folded.text;
    const fits = this.templates
      .map((template) => fit(template, words, text))
      .filter((f): f is Fit => f !== undefined)
      .sort((a, b) => b.score - a.score || a.start - b.start);
    const chosen: Fit[] = [];
    for (const candidate of fits) {
      if (chosen.length >= this.uses) break;
      if (!chosen.some((c) => candidate.start < c.end && c.start < candidate.end)) chosen.push(candidate);
    }
    return chosen.map((f) => {
      const span = context.toOriginal(f.start, f.end);
      return { entity: ANY_ENTITY, ...span, value: context.text.slice(span.start, span.end), info: {} };
    });
  }
}

/** One template per `any` slot of a prepared sentence; context stops at other placeholders. */
function templatesOf(prepared: string, slot: string): Template[] {
  const tokens = [...prepared.matchAll(SENTENCE_TOKEN)].map((m) => (isPlaceholder(m[0]) ? m[0] : foldWord(m[0])));
  const templates: Template[] = [];
  tokens.forEach((token, i) => {
    if (token !== slot) return;
    const before: string[] = [];
    for (let k = i - 1; k >= 0 && before.length < CONTEXT_WORDS && !isPlaceholder(tokens[k] ?? ''); k--) before.unshift(tokens[k] ?? '');
    const after: string[] = [];
    for (let k = i + 1; k < tokens.length && after.length < CONTEXT_WORDS && !isPlaceholder(tokens[k] ?? ''); k++) after.push(tokens[k] ?? '');
    if (before.length + after.length >= MIN_CONTEXT_MATCHED) templates.push({ before, after });
  });
  return templates;
}

/** Where the template's slot falls in the user's words, scored by the context words matched. */
function fit(template: Template, words: WordToken[], text: string): Fit | undefined {
  let best: Fit | undefined;
  for (let s = 0; s < words.length; s++) {
    const before = matchedBefore(template.before, words, s);
    if (template.before.length > 0 && before === 0) continue;
    const slot = slotEnd(template.after, words, s, text);
    if (slot === undefined) continue;
    const score = before + slot.matched;
    if (score < MIN_CONTEXT_MATCHED || (best !== undefined && best.score >= score)) continue;
    const first = words[s];
    const last = words[slot.last];
    if (first !== undefined && last !== undefined) best = { start: first.start, end: last.end, score };
  }
  return best;
}

/** How many of the template's last words before the slot end right before word `s` (all of them, or a tail). */
function matchedBefore(before: string[], words: WordToken[], s: number): number {
  let matched = 0;
  while (matched < before.length && words[s - 1 - matched]?.text === before[before.length - 1 - matched]) matched++;
  return matched;
}

/** The last word of a slot starting at `s`: before the template's following words, or before a break. */
function slotEnd(after: string[], words: WordToken[], s: number, text: string): { last: number; matched: number } | undefined {
  for (let e = s; e < words.length; e++) {
    const next = words[e + 1];
    const current = words[e];
    if (current === undefined) return undefined;
    if (after.length > 0 && next !== undefined && next.text === after[0]) {
      let matched = 0;
      while (matched < after.length && words[e + 1 + matched]?.text === after[matched]) matched++;
      return { last: e, matched };
    }
    // Without its following words the slot runs to the break; the words before it must then carry the score.
    if (next === undefined || SLOT_BREAK.test(text.slice(current.end, next.start))) return { last: e, matched: 0 };
  }
  return undefined;
}
