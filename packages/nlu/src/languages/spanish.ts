/** Spanish: Snowball-style stemmer, number words, yes/no, currencies and date words. */
import { casual } from 'chrono-node/es';
import porterStemmerEs from 'natural/lib/natural/stemmers/porter_stemmer_es';
import type { Language } from './language';

export const spanish: Language = {
  code: 'es',
  name: 'Spanish',
  stem: (word) => porterStemmerEs.stem(word),
  foldAccents: true,
  decimalSeparator: ',',
  numberWords: {
    values: {
      cero: 0, un: 1, una: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9,
      diez: 10, once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, 'dieciséis': 16, diecisiete: 17,
      dieciocho: 18, diecinueve: 19, veinte: 20, veintiuno: 21, 'veintiún': 21, veintiuna: 21, 'veintidós': 22,
      'veintitrés': 23, veinticuatro: 24, veinticinco: 25, 'veintiséis': 26, veintisiete: 27, veintiocho: 28,
      veintinueve: 29, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80,
      noventa: 90, doscientos: 200, doscientas: 200, trescientos: 300, trescientas: 300, cuatrocientos: 400,
      cuatrocientas: 400, quinientos: 500, quinientas: 500, seiscientos: 600, seiscientas: 600, setecientos: 700,
      setecientas: 700, ochocientos: 800, ochocientas: 800, novecientos: 900, novecientas: 900,
    },
    multipliers: { cien: 100, ciento: 100, mil: 1_000, 'millón': 1_000_000, millones: 1_000_000 },
    connectors: ['y'],
    minus: ['menos'],
    articles: ['un', 'una'],
    compounds: false,
  },
  booleanWords: {
    true: ['sí', 'si', 'claro', 'claro que sí', 'vale', 'por supuesto', 'de acuerdo', 'correcto', 'afirmativo', 'ok',
      'okey', 'verdadero', 'cierto', 'exacto'],
    false: ['no', 'nop', 'claro que no', 'por supuesto que no', 'para nada', 'falso', 'negativo', 'nunca',
      'incorrecto', 'de ninguna manera'],
  },
  percentWords: ['por ciento'],
  currencyWords: {
    euro: 'EUR', euros: 'EUR', 'dólar': 'USD', 'dólares': 'USD', libra: 'GBP', libras: 'GBP', yen: 'JPY',
    yenes: 'JPY',
  },
  dateWords: [
    'hoy', 'mañana', 'ayer', 'anteayer', 'pasado', 'ahora', 'mediodía', 'medianoche', 'tarde', 'noche',
    'madrugada', 'próximo', 'próxima', 'siguiente', 'día', 'días', 'semana', 'semanas', 'mes',
    'meses', 'año', 'años', 'hora', 'horas', 'minuto', 'minutos', 'lunes', 'martes', 'miércoles', 'jueves',
    'viernes', 'sábado', 'domingo', 'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
    'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre',
  ],
  dateParser: casual,
};
