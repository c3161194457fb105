/** Italian: Snowball-style stemmer, compound number words (ventitré, duemila), yes/no, currencies and date words. */
import { casual } from 'chrono-node/it';
import porterStemmerIt from 'natural/lib/natural/stemmers/porter_stemmer_it';
import { composeNumberWords } from './compose-number-words';
import type { Language } from './language';

const UNITS = {
  zero: 0, un: 1, una: 1, uno: 1, due: 2, tre: 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9,
  dieci: 10, undici: 11, dodici: 12, tredici: 13, quattordici: 14, quindici: 15, sedici: 16, diciassette: 17,
  diciotto: 18, diciannove: 19,
};
const TENS = {
  venti: 20, trenta: 30, quaranta: 40, cinquanta: 50, sessanta: 60, settanta: 70, ottanta: 80, novanta: 90,
};
const COMPOUND_UNITS = { uno: 1, due: 2, 'tré': 3, quattro: 4, cinque: 5, sei: 6, sette: 7, otto: 8, nove: 9 };

/** "venti" + "otto" → "ventotto": the tens drop their vowel before a unit that starts with one. */
const elide = (ten: string, unit: string): string => (/^[aeiou]/.test(unit) ? ten.slice(0, -1) : ten) + unit;

export const italian: Language = {
  code: 'it',
  name: 'Italian',
  stem: (word) => porterStemmerIt.stem(word),
  foldAccents: true,
  decimalSeparator: ',',
  numberWords: {
    values: { ...UNITS, ...TENS, ...composeNumberWords(TENS, COMPOUND_UNITS, elide) },
    // "cent" is "cento" before a vowel: "centottanta".
    multipliers: { cento: 100, cent: 100, mille: 1_000, mila: 1_000, milione: 1_000_000, milioni: 1_000_000,
      miliardo: 1_000_000_000, miliardi: 1_000_000_000 },
    connectors: [],
    minus: ['meno'],
    articles: ['un', 'una'],
    compounds: true,
  },
  booleanWords: {
    true: ['sì', 'si', 'certo', 'certamente', 'va bene', "d'accordo", 'esatto', 'vero', 'ok', 'okay', 'giusto',
      'assolutamente', 'ovviamente', 'senz\'altro'],
    false: ['no', 'falso', 'per niente', 'mai', 'assolutamente no', 'certo che no', 'sbagliato'],
  },
  percentWords: ['per cento', 'percento'],
  currencyWords: { euro: 'EUR', dollaro: 'USD', dollari: 'USD', sterlina: 'GBP', sterline: 'GBP', yen: 'JPY' },
  dateWords: [
    'oggi', 'domani', 'ieri', 'dopodomani', 'adesso', 'ora', 'mezzogiorno', 'mezzanotte', 'mattina', 'sera',
    'notte', 'pomeriggio', 'prossimo', 'prossima', 'scorso', 'scorsa', 'giorno', 'giorni', 'settimana',
    'settimane', 'mese', 'mesi', 'anno', 'anni', 'ore', 'minuto', 'minuti', 'lunedì', 'martedì', 'mercoledì',
    'giovedì', 'venerdì', 'sabato', 'domenica', 'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno',
    'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre',
  ],
  dateParser: casual,
};
