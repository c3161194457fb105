/** French: Snowball-style stemmer, number words (soixante-dix, quatre-vingts), yes/no, currencies and date words. */
import { casual } from 'chrono-node/fr';
import porterStemmerFr from 'natural/lib/natural/stemmers/porter_stemmer_fr';
import type { Language } from './language';

export const french: Language = {
  code: 'fr',
  name: 'French',
  stem: (word) => porterStemmerFr.stem(word),
  foldAccents: true,
  decimalSeparator: ',',
  numberWords: {
    values: {
      'zéro': 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10,
      onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30,
      quarante: 40, cinquante: 50, soixante: 60, septante: 70, octante: 80, huitante: 80, nonante: 90,
      // "quatre-vingts" is 4 × 20: the only French number that multiplies without a multiplier word.
      'quatre vingt': 80, 'quatre vingts': 80,
    },
    multipliers: { cent: 100, cents: 100, mille: 1_000, mil: 1_000, million: 1_000_000, millions: 1_000_000,
      milliard: 1_000_000_000, milliards: 1_000_000_000 },
    connectors: ['et'],
    minus: ['moins'],
    articles: ['un', 'une'],
    compounds: false,
  },
  booleanWords: {
    true: ['oui', 'ouais', 'bien sûr', "d'accord", 'exact', 'exactement', 'vrai', 'ok', 'okay', 'correct',
      'absolument', 'certainement', 'affirmatif'],
    false: ['non', 'nan', 'pas du tout', 'bien sûr que non', 'faux', 'jamais', 'incorrect', 'négatif',
      'absolument pas', 'certainement pas'],
  },
  percentWords: ['pour cent', 'pourcent', 'pourcents'],
  currencyWords: { euro: 'EUR', euros: 'EUR', dollar: 'USD', dollars: 'USD', yen: 'JPY', yens: 'JPY' },
  dateWords: [
    "aujourd'hui", 'aujourd', 'demain', 'hier', 'maintenant', 'midi', 'minuit', 'matin', 'soir', 'nuit',
    'après-midi', 'prochain', 'prochaine', 'dernier', 'dernière', 'jour', 'jours', 'semaine',
    'semaines', 'mois', 'an', 'ans', 'année', 'années', 'heure', 'heures', 'minute', 'minutes', 'lundi', 'mardi',
    'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
    'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  ],
  dateParser: casual,
};
