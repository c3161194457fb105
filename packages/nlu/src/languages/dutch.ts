/** Dutch: Snowball-style stemmer, compound number words (drieëntwintig), yes/no, currencies and date words. */
import { casual } from 'chrono-node/nl';
import porterStemmerNl from 'natural/lib/natural/stemmers/porter_stemmer_nl';
import { composeNumberWords } from './compose-number-words';
import type { Language } from './language';

const UNITS = {
  nul: 0, een: 1, 'één': 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10,
  elf: 11, twaalf: 12, dertien: 13, veertien: 14, vijftien: 15, zestien: 16, zeventien: 17, achttien: 18,
  negentien: 19,
};
const TENS = {
  twintig: 20, dertig: 30, veertig: 40, vijftig: 50, zestig: 60, zeventig: 70, tachtig: 80, negentig: 90,
};
const COMPOUND_UNITS = { een: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9 };

/** "twee" + "twintig" → "tweeëntwintig": the trema keeps "ee" and "en" apart. */
const join = (ten: string, unit: string): string => `${unit}${unit.endsWith('e') ? 'ën' : 'en'}${ten}`;

export const dutch: Language = {
  code: 'nl',
  name: 'Dutch',
  stem: (word) => porterStemmerNl.stem(word),
  foldAccents: true,
  decimalSeparator: ',',
  numberWords: {
    values: { ...UNITS, ...TENS, ...composeNumberWords(TENS, COMPOUND_UNITS, join) },
    multipliers: { honderd: 100, duizend: 1_000, miljoen: 1_000_000, miljard: 1_000_000_000 },
    connectors: [],
    minus: ['min', 'minus'],
    // Folding accents makes "één" (one) and "een" (a) the same word, so both count as an article.
    articles: ['een', 'één'],
    compounds: true,
  },
  booleanWords: {
    true: ['ja', 'jawel', 'zeker', 'natuurlijk', 'prima', 'oké', 'ok', 'okay', 'goed', 'klopt', 'juist', 'akkoord'],
    false: ['nee', 'neen', 'nooit', 'zeker niet', 'helemaal niet', 'natuurlijk niet', 'onjuist', 'fout'],
  },
  percentWords: ['procent'],
  currencyWords: { euro: 'EUR', "euro's": 'EUR', euros: 'EUR', dollar: 'USD', dollars: 'USD', yen: 'JPY' },
  dateWords: [
    'vandaag', 'morgen', 'gisteren', 'overmorgen', 'eergisteren', 'nu', 'middag', 'middernacht', 'ochtend',
    'avond', 'nacht', 'geleden', 'volgende', 'vorige', 'dag', 'dagen', 'week', 'weken', 'maand', 'maanden',
    'jaar', 'jaren', 'uur', 'minuut', 'minuten', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag',
    'zaterdag', 'zondag', 'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
    'september', 'oktober', 'november', 'december',
  ],
  dateParser: casual,
};
