/** What entity recognition returns for one text: the text as the classifier sees it, and the values found. */
import type { JsonObject, JsonValue } from '@parley/domain';

export interface EntityMatch {
  /** Entity name: a custom entity or `base.<kind>`. */
  entity: string;
  /** Custom: the entry's main value. number, percentage, money: a number. datetime: ISO-8601 with offset. */
  value: JsonValue;
  /** datetime: {year, month, day, hour, minute, second: boolean, frag}; money: {currency}; otherwise {}. */
  info: JsonObject;
  /** The matched text, as written in the input. */
  fragment: string;
  /** Offsets of the fragment in the input: input.slice(start, end) === fragment. */
  start: number;
  end: number;
}

export interface Recognition {
  /** The input with each match replaced by its entity's placeholder. */
  text: string;
  /** In order of appearance. */
  matches: EntityMatch[];
}
