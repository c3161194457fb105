/**
 * The definition file is camelCase (`trainingSentences`), while nlu.proto is snake_case (`training_sentences`):
 * a file written from the proto fails. Each snake_case key that is the proto's spelling of a definition field is
 * refused with a message naming the camelCase field to write instead, wherever the definition comes from.
 */
import { DEFAULT_HYPER_PARAMETERS } from '../model/hyper-parameters';
import type { PathSegment } from './format-path';

/** The definition's fields of more than one word, whose proto and file spellings differ. */
const CAMEL_CASE_FIELDS = new Set(['trainingSentences', 'ambiguityMargin', 'hyperParameters', ...Object.keys(DEFAULT_HYPER_PARAMETERS)]);

export interface SnakeCaseProblem {
  path: PathSegment[];
  message: string;
}

export function snakeCaseProblems(input: unknown, path: PathSegment[] = []): SnakeCaseProblem[] {
  if (Array.isArray(input)) return input.flatMap((item, index) => snakeCaseProblems(item, [...path, index]));
  if (typeof input !== 'object' || input === null) return [];
  return Object.entries(input).flatMap(([key, value]) => {
    const camel = key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    const own = camel !== key && CAMEL_CASE_FIELDS.has(camel) ? [{ path: [...path, key], message: snakeMessage(key, camel) }] : [];
    return [...own, ...snakeCaseProblems(value, [...path, key])];
  });
}

function snakeMessage(key: string, camel: string): string {
  return `"${key}" is the proto's snake_case spelling; the definition file is camelCase: write "${camel}"`;
}
