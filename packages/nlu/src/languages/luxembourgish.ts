/**
 * Luxembourgish (BBF's set): number words (one word from 21 to 99, "véieranzwanzeg"), yes/no, currencies and
 * date words. No stemmer: none is maintained for Luxembourgish (Snowball has none; BBF itself lemmatizes with
 * spaCy + spellux, Python only), so words stay whole (accents folded) and the classifier's character n-grams
 * bring inflected forms together. Dates with digits parse; Luxembourgish month and day names do not (chrono-node
 * has no Luxembourgish parser).
 */
import { composeNumberWords } from './compose-number-words';
import type { Language } from './language';

const UNITS = {
  null: 0,
  eent: 1,
  een: 1,
  eng: 1,
  zwee: 2,
  zwou: 2,
  dräi: 3,
  véier: 4,
  fënnef: 5,
  sechs: 6,
  siwen: 7,
  aacht: 8,
  néng: 9,
  zéng: 10,
  eelef: 11,
  zwielef: 12,
  dräizéng: 13,
  véierzéng: 14,
  fofzéng: 15,
  siechzéng: 16,
  siwwenzéng: 17,
  uechtzéng: 18,
  nonzéng: 19,
};
const TENS = { zwanzeg: 20, drësseg: 30, véierzeg: 40, fofzeg: 50, sechzeg: 60, siwwenzeg: 70, achtzeg: 80, nonzeg: 90 };
const COMPOUND_UNITS = { een: 1, zwee: 2, dräi: 3, véier: 4, fënnef: 5, sechs: 6, siwen: 7, aacht: 8, néng: 9 };

/** "zwee" + "zwanzeg" → "zweeanzwanzeg". */
const join = (ten: string, unit: string): string => `${unit}an${ten}`;

export const luxembourgish: Language = {
  code: 'lb',
  name: 'Luxembourgish',
  stem: (word) => word,
  foldAccents: true,
  decimalSeparator: ',',
  numberWords: {
    values: { ...UNITS, ...TENS, ...composeNumberWords(TENS, COMPOUND_UNITS, join) },
    multipliers: { honnert: 100, dausend: 1_000, millioun: 1_000_000, milliounen: 1_000_000 },
    connectors: [],
    minus: ['minus'],
    articles: ['een', 'eng'],
    compounds: true,
  },
  booleanWords: {
    true: ['jo', 'jo gär', 'sécher', 'natierlech', 'ok', 'okay', 'gutt', 'richteg', 'genee', 'kloer'],
    false: ['nee', 'neen', 'ni', 'néierens', 'guer net', 'sécher net', 'falsch'],
  },
  percentWords: ['prozent'],
  currencyWords: { euro: 'EUR', euroen: 'EUR', dollar: 'USD', dollaren: 'USD', pond: 'GBP', yen: 'JPY' },
  dateWords: [
    'haut',
    'muer',
    'gëschter',
    'iwwermuer',
    'virgëschter',
    'elo',
    'mëtteg',
    'mëtternuecht',
    'moien',
    'owes',
    'nuecht',
    'viru',
    'nächst',
    'nächsten',
    'lescht',
    'leschten',
    'dag',
    'deeg',
    'woch',
    'wochen',
    'mount',
    'méint',
    'joer',
    'joren',
    'stonn',
    'stonnen',
    'minutt',
    'minutten',
    'méindeg',
    'dënschdeg',
    'mëttwoch',
    'donneschdeg',
    'freideg',
    'samschdeg',
    'sonndeg',
    'januar',
    'februar',
    'mäerz',
    'abrëll',
    'mee',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'dezember',
  ],
};
