import { test } from 'vitest';
import { DEFAULT_NLU_CONFIG, type BotDefinition } from '@parley/domain';
import { EntityRecognizer } from './entity-recognizer';

const def = (language: string, params: Array<[string, string]>, extra: Partial<BotDefinition> = {}): BotDefinition => ({
  name: 'b', language, scopes: [], config: { ...DEFAULT_NLU_CONFIG, timezone: 'Europe/Madrid' },
  entities: [{ name: 'city', entries: [{ value: 'Barcelona', synonyms: ['BCN', 'Barna'] }, { value: 'New York', synonyms: ['NYC', 'new york city'] }, { value: 'York', synonyms: [] }] }],
  intents: [{ name: 'i', trainingSentences: ['my name is NAME', 'call me NAME please'], parameters: params.map(([n, e], k) => ({ name: n + k, fragment: 'NAME', entity: e })) }],
  ...extra,
});
const now = new Date('2024-03-14T10:00:00Z');
const all = ['base.email', 'base.url', 'city', 'base.phone', 'base.money', 'base.percentage', 'base.datetime', 'base.number', 'base.boolean', 'base.any'].map((e) => ['p', e] as [string, string]);
test('x', () => {
  const r = new EntityRecognizer(def('en', all));
  for (const s of ['weather in BCN tomorrow at 5pm', 'I want twenty five pizzas and 3.5 beers, minus three', 'mail ana@example.com or see https://example.com/x.', 'call +34 600 123 456 or (555) 123-4567', 'it costs $20 or 20 euros or € 5.50, 15% off, twenty percent', 'yes of course not', 'my name is John Smith', 'hi, my name is Ana. what is yours?', 'from new york city to york', '2023-09-14 08:30', 'in 2 weeks', '3 months ago', 'two million three hundred thousand and five', 'what is the weather like', '1,000 people']) {
    const x = r.recognize(s, now);
    console.log(s, '→', x.text, JSON.stringify(x.matches.map((m) => [m.entity, m.value, m.fragment, m.info])));
  }
  for (const [l, s] of [['es', 'quiero veintitrés cervezas y treinta y cinco, dos mil trescientos, menos cinco, 3,5 y 1.000, mañana a las 5, sí'], ['fr', 'quatre-vingt-dix-sept, soixante et onze, vingt-deux, deux cents, dix-sept, demain à 17h, oui'], ['de', 'dreiundzwanzig, zweihundertfünfundzwanzig, ein Bier, eine Million, morgen um 17 Uhr, ja'], ['it', 'ventitré, duemila, centottanta, domani alle 17'], ['pt', 'vinte e cinco, cento e vinte, amanhã'], ['nl', 'drieëntwintig, tweehonderd, een boek, morgen om 17:00']] as const) {
    const r2 = new EntityRecognizer(def(l, all.filter(([, e]) => e !== 'base.any')));
    const x = r2.recognize(s, now);
    console.log(l, s, '→', x.text, JSON.stringify(x.matches.map((m) => [m.entity, m.value, m.fragment])));
  }
  const r3 = new EntityRecognizer(def('en', [['n', 'base.any']]));
  console.log(r3.prepareTrainingSentence({ name: 'i', trainingSentences: [], parameters: [{ name: 'n', fragment: 'NAME', entity: 'base.any' }] }, 'my name is NAME'));
  const r4 = new EntityRecognizer(def('en', [['n', 'base.number']]));
  const t = 'what is the weather like in barcelona tomorrow morning';
  for (let i = 0; i < 2000; i++) r4.recognize(t, now);
  let t0 = performance.now(); for (let i = 0; i < 20000; i++) r4.recognize(t, now); console.log('number-only us', (performance.now() - t0) / 20);
  const r5 = new EntityRecognizer(def('en', all));
  const t2 = 'what is the weather like in paris please';
  for (let i = 0; i < 2000; i++) r5.recognize(t2, now);
  t0 = performance.now(); for (let i = 0; i < 20000; i++) r5.recognize(t2, now); console.log('all-entities us', (performance.now() - t0) / 20);
});
