/**
 * base.datetime: absolute and relative dates and times ("2023-09-14", "tomorrow at 5pm", "in 2 weeks") read by
 * chrono-node in the bot's language (English where the language has no parser), relative to `now` in the bot's
 * timezone → ISO-8601 with offset; info says which components the text gave, as BBF does.
 */
import { casual as englishParser } from 'chrono-node/en';
import type { Chrono, ParsedComponents, ParsingReference } from 'chrono-node';
import type { JsonObject } from '@parley/domain';
import type { Language } from '../languages/language';
import { foldWord } from '../text/fold-text';
import { isWordChar } from '../text/word-tokens';
import type { EntityMatcher } from './entity-matcher';
import type { Candidate, RecognitionContext } from './recognition-context';
import type { WallTime, ZonedClock } from './zoned-clock';

const DIGIT = /\d/;
const LEADING_WORD = /[\p{L}\p{N}]/u;
const SHORT_WORD = /^\p{L}{1,3}$/u;

interface DateReading {
  start: number;
  end: number;
  components: ParsedComponents;
}

export class DatetimeMatcher implements EntityMatcher {
  readonly entities = ['base.datetime'] as const;
  private readonly parser: Chrono;
  private readonly dateWords = new Set<string>();

  constructor(
    language: Language,
    private readonly clock: ZonedClock,
  ) {
    this.parser = language.dateParser ?? englishParser;
    for (const word of language.dateWords) for (const piece of foldWord(word).split(/[^\p{L}\p{N}]+/u)) this.dateWords.add(piece);
  }

  find(context: RecognitionContext): Candidate[] {
    // The parser costs tens of microseconds even on a text without dates; most texts fail this test first.
    if (!DIGIT.test(context.folded.text) && !context.words.some((word) => this.dateWords.has(word.text))) return [];
    const reference = { instant: context.now, timezone: this.clock.offsetMinutes(context.now) };
    const candidates: Candidate[] = [];
    const nowWall = this.clock.wallTime(context.now);
    for (const { start, end, components } of this.parse(context.masked, reference)) {
      const value = this.clock.toIso(this.instantOf(components, nowWall));
      candidates.push({ entity: 'base.datetime', start, end, value, info: explicitComponents(components, context.text.slice(start, end)) });
    }
    return candidates;
  }

  /**
   * chrono results, with three chrono quirks worked around: its patterns treat non-ASCII letters as word breaks ("fr" of
   * "früh" read as Friday), so results inside a word are dropped; a result that starts with punctuation or a
   * space can be a different reading (German ", morgen" as "morning"), so its text is read again from its first
   * word; and the casual parsers read "sun" and "sat" as weekdays, so such lone abbreviations are dropped.
   */
  private parse(text: string, reference: ParsingReference): DateReading[] {
    const readings: DateReading[] = [];
    for (const result of this.parser.parse(text, reference)) {
      const lead = result.text.search(LEADING_WORD);
      if (lead < 0) continue;
      const from = result.index + lead;
      const reread = lead === 0 ? result : this.parser.parse(text.slice(from), reference)[0];
      if (reread === undefined || (lead > 0 && reread.index >= result.text.length - lead)) continue;
      const start = lead === 0 ? result.index : from + reread.index;
      const end = start + reread.text.length;
      if (isWordChar(text[start - 1]) || isWordChar(text[end]) || isBareAbbreviation(reread.text, reread.start)) continue;
      readings.push({ start, end, components: reread.start });
    }
    return readings;
  }

  private instantOf(start: ParsedComponents, now: WallTime): Date {
    if (start.isCertain('timezoneOffset')) return start.date();
    // A date without a time ("2023-09-14", "friday") means the day, from midnight; relative ones ("tomorrow",
    // "in 2 weeks") keep the time of now, as BBF's dateparser does. chrono tags relative dates unevenly across
    // languages, but it always implies the time of now for them, so that is the test.
    const relative = start.get('hour') === now.hour && start.get('minute') === now.minute;
    const timeless = !start.isCertain('hour') && !relative;
    const get = (component: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'): number => start.get(component) ?? 0;
    return this.clock.instantOf({
      year: get('year'),
      month: get('month'),
      day: get('day'),
      hour: timeless ? 0 : get('hour'),
      minute: timeless ? 0 : get('minute'),
      second: timeless ? 0 : get('second'),
    });
  }
}

/** A lone weekday abbreviation ("sun", "sat", "wed") is far more often an ordinary word; "now" gives a time. */
function isBareAbbreviation(text: string, components: ParsedComponents): boolean {
  return SHORT_WORD.test(text) && !components.isCertain('day') && !components.isCertain('hour');
}

/** BBF's info: for each component, whether the text gave it explicitly; plus the fragment. */
function explicitComponents(start: ParsedComponents, frag: string): JsonObject {
  return {
    year: start.isCertain('year'),
    month: start.isCertain('month'),
    day: start.isCertain('day') || start.isCertain('weekday'),
    hour: start.isCertain('hour'),
    minute: start.isCertain('minute'),
    second: start.isCertain('second'),
    frag,
  };
}
