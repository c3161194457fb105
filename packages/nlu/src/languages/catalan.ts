/**
 * Catalan (BBF's set): number words, yes/no, currencies and date words. No stemmer: none usable from this runtime
 * is maintained (natural has no Catalan; Snowball's Catalan algorithm is packaged on npm only as an ES module for
 * Node 22), so words stay whole (accents folded) and the classifier's character n-grams bring inflected forms
 * together ("cançons" and "cançó" share "can", "anç", …). Dates with digits parse; Catalan month and day names do
 * not (chrono-node has no Catalan parser).
 */
import { composeNumberWords } from './compose-number-words';
import type { Language } from './language';

const UNITS = {
  zero: 0,
  u: 1,
  un: 1,
  una: 1,
  dos: 2,
  dues: 2,
  tres: 3,
  quatre: 4,
  cinc: 5,
  sis: 6,
  set: 7,
  vuit: 8,
  nou: 9,
  deu: 10,
  onze: 11,
  dotze: 12,
  tretze: 13,
  catorze: 14,
  quinze: 15,
  setze: 16,
  disset: 17,
  divuit: 18,
  dinou: 19,
};
const TENS = { vint: 20, trenta: 30, quaranta: 40, cinquanta: 50, seixanta: 60, setanta: 70, vuitanta: 80, noranta: 90 };
const COMPOUND_UNITS = { u: 1, un: 1, una: 1, dos: 2, dues: 2, tres: 3, quatre: 4, cinc: 5, sis: 6, set: 7, vuit: 8, nou: 9 };

/** "vint-i-dos", "trenta-dos": matched across the hyphens as separate words. */
const join = (ten: string, unit: string): string => (ten === 'vint' ? `vint i ${unit}` : `${ten} ${unit}`);

export const catalan: Language = {
  code: 'ca',
  name: 'Catalan',
  stem: (word) => word,
  foldAccents: true,
  decimalSeparator: ',',
  numberWords: {
    values: { ...UNITS, ...TENS, ...composeNumberWords(TENS, COMPOUND_UNITS, join) },
    multipliers: { cent: 100, cents: 100, mil: 1_000, milió: 1_000_000, milions: 1_000_000 },
    connectors: ['i'],
    minus: ['menys'],
    articles: ['un', 'una'],
    compounds: false,
  },
  booleanWords: {
    true: ['sí', 'si', 'és clar', 'd’acord', "d'acord", 'correcte', 'exacte', 'vale', 'ok', 'okay', 'perfecte'],
    false: ['no', 'mai', 'de cap manera', 'en absolut', 'incorrecte', 'gens'],
  },
  percentWords: ['per cent', 'percent'],
  currencyWords: { euro: 'EUR', euros: 'EUR', dòlar: 'USD', dòlars: 'USD', lliura: 'GBP', lliures: 'GBP', ien: 'JPY' },
  dateWords: [
    'avui',
    'demà',
    'ahir',
    'abans-d’ahir',
    "abans-d'ahir",
    'ara',
    'migdia',
    'mitjanit',
    'matí',
    'tarda',
    'vespre',
    'nit',
    'fa',
    'proper',
    'propera',
    'vinent',
    'passat',
    'passada',
    'dia',
    'dies',
    'setmana',
    'setmanes',
    'mes',
    'mesos',
    'any',
    'anys',
    'hora',
    'hores',
    'minut',
    'minuts',
    'dilluns',
    'dimarts',
    'dimecres',
    'dijous',
    'divendres',
    'dissabte',
    'diumenge',
    'gener',
    'febrer',
    'març',
    'abril',
    'maig',
    'juny',
    'juliol',
    'agost',
    'setembre',
    'octubre',
    'novembre',
    'desembre',
  ],
};
