/** Portuguese: Snowball-style stemmer, number words, yes/no, currencies and date words. */
import { casual } from 'chrono-node/pt';
import porterStemmerPt from 'natural/lib/natural/stemmers/porter_stemmer_pt';
import type { Language } from './language';

export const portuguese: Language = {
  code: 'pt',
  name: 'Portuguese',
  stem: (word) => porterStemmerPt.stem(word),
  foldAccents: true,
  decimalSeparator: ',',
  numberWords: {
    values: {
      zero: 0, um: 1, uma: 1, dois: 2, duas: 2, 'três': 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9,
      dez: 10, onze: 11, doze: 12, treze: 13, catorze: 14, quatorze: 14, quinze: 15, dezesseis: 16, dezasseis: 16,
      dezessete: 17, dezassete: 17, dezoito: 18, dezenove: 19, dezanove: 19, vinte: 20, trinta: 30, quarenta: 40,
      cinquenta: 50, sessenta: 60, setenta: 70, oitenta: 80, noventa: 90, duzentos: 200, duzentas: 200,
      trezentos: 300, trezentas: 300, quatrocentos: 400, quatrocentas: 400, quinhentos: 500, quinhentas: 500,
      seiscentos: 600, seiscentas: 600, setecentos: 700, setecentas: 700, oitocentos: 800, oitocentas: 800,
      novecentos: 900, novecentas: 900,
    },
    multipliers: { cem: 100, cento: 100, mil: 1_000, 'milhão': 1_000_000, 'milhões': 1_000_000,
      'bilhão': 1_000_000_000, 'bilhões': 1_000_000_000 },
    connectors: ['e'],
    minus: ['menos'],
    articles: ['um', 'uma'],
    compounds: false,
  },
  booleanWords: {
    true: ['sim', 'claro', 'com certeza', 'certo', 'ok', 'okay', 'verdade', 'verdadeiro', 'exato', 'de acordo',
      'pois é', 'correto'],
    false: ['não', 'nao', 'nunca', 'falso', 'de jeito nenhum', 'claro que não', 'negativo', 'errado'],
  },
  percentWords: ['por cento'],
  currencyWords: {
    euro: 'EUR', euros: 'EUR', 'dólar': 'USD', 'dólares': 'USD', real: 'BRL', reais: 'BRL', libra: 'GBP',
    libras: 'GBP',
  },
  dateWords: [
    'hoje', 'amanhã', 'ontem', 'agora', 'meio-dia', 'meia-noite', 'manhã', 'tarde', 'noite', 'próximo',
    'próxima', 'passado', 'passada', 'dia', 'dias', 'semana', 'semanas', 'mês', 'meses', 'ano', 'anos', 'hora',
    'horas', 'minuto', 'minutos', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado', 'domingo',
    'janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro',
    'novembro', 'dezembro',
  ],
  dateParser: casual,
};
