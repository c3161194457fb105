/** German: Snowball-style stemmer, compound number words (dreiundzwanzig), yes/no, currencies and date words. */
import { casual } from 'chrono-node/de';
import porterStemmerDe from 'natural/lib/natural/stemmers/porter_stemmer_de';
import { composeNumberWords } from './compose-number-words';
import type { Language } from './language';

const UNITS = {
  null: 0, eins: 1, ein: 1, eine: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, 'fünf': 5, fuenf: 5, sechs: 6, sieben: 7,
  acht: 8, neun: 9, zehn: 10, elf: 11, 'zwölf': 12, zwoelf: 12, dreizehn: 13, vierzehn: 14, 'fünfzehn': 15,
  sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19,
};
const TENS = {
  zwanzig: 20, 'dreißig': 30, dreissig: 30, vierzig: 40, 'fünfzig': 50, sechzig: 60, siebzig: 70, achtzig: 80,
  neunzig: 90,
};
const COMPOUND_UNITS = { ein: 1, zwei: 2, drei: 3, vier: 4, 'fünf': 5, sechs: 6, sieben: 7, acht: 8, neun: 9 };

export const german: Language = {
  code: 'de',
  name: 'German',
  stem: (word) => porterStemmerDe.stem(word),
  // natural's German stemmer already maps umlauts to plain vowels; folding keeps "ß" and the rest consistent.
  foldAccents: true,
  decimalSeparator: ',',
  numberWords: {
    values: { ...UNITS, ...TENS, ...composeNumberWords(TENS, COMPOUND_UNITS, (ten, unit) => `${unit}und${ten}`) },
    multipliers: { hundert: 100, tausend: 1_000, million: 1_000_000, millionen: 1_000_000,
      milliarde: 1_000_000_000, milliarden: 1_000_000_000 },
    connectors: [],
    minus: ['minus'],
    articles: ['ein', 'eine'],
    compounds: true,
  },
  booleanWords: {
    true: ['ja', 'jawohl', 'klar', 'natürlich', 'genau', 'richtig', 'stimmt', 'ok', 'okay', 'einverstanden',
      'sicher', 'selbstverständlich'],
    false: ['nein', 'nee', 'nö', 'falsch', 'niemals', 'auf keinen fall', 'keineswegs', 'natürlich nicht'],
  },
  percentWords: ['prozent'],
  currencyWords: { euro: 'EUR', euros: 'EUR', dollar: 'USD', franken: 'CHF', yen: 'JPY' },
  dateWords: [
    'heute', 'morgen', 'gestern', 'übermorgen', 'vorgestern', 'jetzt', 'mittag', 'mitternacht', 'morgens',
    'abend', 'abends', 'nacht', 'nächste', 'nächsten', 'nächster', 'letzte', 'letzten', 'tag',
    'tage', 'tagen', 'woche', 'wochen', 'monat', 'monate', 'monaten', 'jahr', 'jahre', 'jahren', 'stunde',
    'stunden', 'minute', 'minuten', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag',
    'sonntag', 'januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober',
    'november', 'dezember',
  ],
  dateParser: casual,
};
