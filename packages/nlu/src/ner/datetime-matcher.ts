/**
 * base.datetime: absolute and relative dates and times ("2023-09-14", "tomorrow at 5pm", "in 2 weeks") read by
 * chrono-node in the bot's language (English where the language has no parser), relative to `now` in the bot's
 * timezone → ISO-8601 with offset; info says which components the text gave, as BBF does.
 */
import { casual as englishParser } from 'chrono-node/en';
import type { Chrono, ParsedComponents, ParsedResult } from 'chrono-node';
import type { JsonObject } from '@parley/domain';
import type { Language } from '../languages/language';
import { foldWord } from '../text/fold-text';
import type { EntityMatcher } from './entity-matcher';
import type { Candidate, RecognitionContext } from './recognition-context';
import type { ZonedClock } from './zoned-clock';

const DIGIT = /\d/;

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
    return this.parser.parse(context.masked, reference).map((result) => {
      const end = result.index + result.text.length;
      return {
        entity: 'base.datetime',
        start: result.index,
        end,
        value: this.clock.toIso(this.instantOf(result)),
        info: explicitComponents(result.start, context.text.slice(result.index, end)),
      };
    });
  }

  private instantOf(result: ParsedResult): Date {
    const { start } = result;
    if (start.isCertain('timezoneOffset')) return start.date();
    // A date without a time ("2023-09-14", "friday") means the day, from midnight; relative ones ("tomorrow",
    // "in 2 weeks") keep the time of `now`, as BBF's dateparser does.
    const relative = [...start.tags()].some((tag) => tag.startsWith('result/relativeDate') || tag.startsWith('casualReference'));
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
