/** English: Porter stemmer, number words, yes/no, currencies and date words. */
import { casual } from 'chrono-node/en';
import porterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import type { Language } from './language';

const UNITS = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };

export const english: Language = {
  code: 'en',
  name: 'English',
  stem: (word) => porterStemmer.stem(word),
  foldAccents: true,
  decimalSeparator: '.',
  numberWords: {
    values: { ...UNITS, ...TENS },
    multipliers: { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 },
    connectors: ['and'],
    minus: ['minus', 'negative'],
    articles: [],
    compounds: false,
  },
  booleanWords: {
    true: ['yes', 'yeah', 'yep', 'yup', 'sure', 'of course', 'ok', 'okay', 'true', 'correct', 'affirmative',
      'absolutely', 'definitely', 'indeed'],
    false: ['no', 'nope', 'nah', 'not really', 'of course not', 'no way', 'false', 'incorrect', 'negative', 'never',
      'absolutely not', 'definitely not'],
  },
  percentWords: ['percent', 'per cent', 'pct'],
  currencyWords: {
    dollar: 'USD', dollars: 'USD', buck: 'USD', bucks: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP',
    pounds: 'GBP', yen: 'JPY', rupee: 'INR', rupees: 'INR', yuan: 'CNY',
  },
  dateWords: [
    'today', 'tomorrow', 'yesterday', 'tonight', 'now', 'noon', 'midnight', 'morning', 'afternoon', 'evening',
    'night', 'ago', 'later', 'weekend', 'day', 'days', 'week', 'weeks', 'fortnight', 'month', 'months', 'year',
    'years', 'hour', 'hours', 'minute', 'minutes', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
    'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'january',
    'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
    'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  ],
  dateParser: casual,
};
