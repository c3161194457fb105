/**
 * The Train and StartTraining rows of the gRPC bad-input matrix: malformed bot definitions (each naming the field
 * its error must name, training limits among them), bad aliases, a definition over the message size limit, and a
 * training refused because every slot is busy and no training may queue.
 */
import type { nluV1 } from '@parley/proto';
import type { GrpcCase } from './grpc-cases';
import { tinyDefinition } from './nlu-under-test';

type Definition = nluV1.BotDefinition;
type Mutation = (definition: Definition) => Definition | undefined;

const intents = (definition: Definition) => definition.intents ?? [];
const withIntent =
  (index: number, change: (intent: nluV1.Intent) => nluV1.Intent): Mutation =>
  (definition) => ({
    ...definition,
    intents: intents(definition).map((intent, i) => (i === index ? change(intent) : intent)),
  });
const withConfig =
  (config: nluV1.NluConfig): Mutation =>
  (definition) => ({ ...definition, config });

/** Each bad definition and the field its error must name. */
const BAD_DEFINITIONS: Array<[string, Mutation, string]> = [
  ['no definition', () => undefined, 'definition'],
  ['empty name', (d) => ({ ...d, name: '' }), 'name'],
  ['name with a path', (d) => ({ ...d, name: '../etc' }), 'name'],
  ['name of 129 characters', (d) => ({ ...d, name: 'n'.repeat(129) }), 'name'],
  ['name with a NUL', (d) => ({ ...d, name: 'bot\u0000' }), 'name'],
  ['language of three letters', (d) => ({ ...d, language: 'eng' }), 'language'],
  ['unsupported language', (d) => ({ ...d, language: 'xx' }), 'language'],
  ['no intents', (d) => ({ ...d, intents: [], scopes: [] }), 'intents'],
  ['intent without a name', withIntent(0, (intent) => ({ ...intent, name: '' })), 'intents[0].name'],
  ['blank intent name', withIntent(0, (intent) => ({ ...intent, name: ' \t' })), 'intents[0].name'],
  ['intent without training sentences', withIntent(1, (intent) => ({ ...intent, trainingSentences: [] })), 'intents[1].trainingSentences'],
  [
    'blank training sentence',
    withIntent(0, (intent) => ({ ...intent, trainingSentences: ['hello', ' '] })),
    'intents[0].trainingSentences[1]',
  ],
  ['duplicate intent', (d) => ({ ...d, intents: [...intents(d), intents(d)[0] ?? {}] }), 'intents[3].name'],
  ['intent named fallback_intent', withIntent(1, (intent) => ({ ...intent, name: 'fallback_intent' })), 'intents[1].name'],
  [
    'parameter with an unknown entity',
    withIntent(2, (intent) => ({ ...intent, parameters: [{ name: 'city', fragment: 'CITY', entity: 'planet' }] })),
    'intents[2].parameters[0].entity',
  ],
  [
    'parameter fragment in no sentence',
    withIntent(2, (intent) => ({ ...intent, parameters: [{ name: 'city', fragment: 'TOWN', entity: 'city' }] })),
    'intents[2].parameters[0].fragment',
  ],
  [
    'duplicate parameter',
    withIntent(2, (intent) => ({ ...intent, parameters: [...(intent.parameters ?? []), ...(intent.parameters ?? [])] })),
    'intents[2].parameters[1].name',
  ],
  [
    'blank parameter name',
    withIntent(2, (intent) => ({ ...intent, parameters: [{ name: ' ', fragment: 'CITY', entity: 'city' }] })),
    'intents[2].parameters[0].name',
  ],
  ['entity without entries', (d) => ({ ...d, entities: [{ name: 'city', entries: [] }] }), 'entities[0].entries'],
  [
    'entity named base.number',
    (d) => ({ ...d, entities: [...(d.entities ?? []), { name: 'base.number', entries: [{ value: 'one' }] }] }),
    'entities[1].name',
  ],
  ['duplicate entity', (d) => ({ ...d, entities: [...(d.entities ?? []), ...(d.entities ?? [])] }), 'entities[1].name'],
  ['blank entity value', (d) => ({ ...d, entities: [{ name: 'city', entries: [{ value: ' ' }] }] }), 'entities[0].entries[0].value'],
  ['scope naming an unknown intent', (d) => ({ ...d, scopes: [{ name: 'start', intents: ['greet', 'nope'] }] }), 'scopes[0].intents[1]'],
  ['scope named *', (d) => ({ ...d, scopes: [{ name: '*', intents: ['greet'] }] }), 'scopes[0].name'],
  ['duplicate scope', (d) => ({ ...d, scopes: [...(d.scopes ?? []), ...(d.scopes ?? [])] }), 'scopes[1].name'],
  ['blank scope name', (d) => ({ ...d, scopes: [{ name: '', intents: ['greet'] }] }), 'scopes[0].name'],
  ['intent twice in a scope', (d) => ({ ...d, scopes: [{ name: 'start', intents: ['greet', 'greet'] }] }), 'scopes[0].intents[1]'],
  ['threshold 1.5', withConfig({ threshold: 1.5 }), 'config.threshold'],
  ['threshold -0.1', withConfig({ threshold: -0.1 }), 'config.threshold'],
  ['threshold NaN', withConfig({ threshold: Number.NaN }), 'config.threshold'],
  ['threshold Infinity', withConfig({ threshold: Number.POSITIVE_INFINITY }), 'config.threshold'],
  ['ambiguity margin 2', withConfig({ ambiguityMargin: 2 }), 'config.ambiguityMargin'],
  ['unknown timezone', withConfig({ timezone: 'Mars/Olympus_Mons' }), 'config.timezone'],
  ['hyper-parameter NaN', withConfig({ hyperParameters: { epochs: Number.NaN } }), 'config.hyperParameters.epochs'],
  ['hyper-parameter Infinity', withConfig({ hyperParameters: { epochs: Number.POSITIVE_INFINITY } }), 'config.hyperParameters.epochs'],
  ['unknown hyper-parameter', withConfig({ hyperParameters: { epoch: 5 } }), 'config.hyperParameters'],
  ['hyper-parameter out of range', withConfig({ hyperParameters: { dropout: 3 } }), 'config.hyperParameters'],
  ['10,000 intents and a bad threshold', (d) => ({ ...manyIntents(d, 10_000), config: { threshold: 7 } }), 'config.threshold'],
  [
    'a training sentence without words',
    withIntent(0, (intent) => ({ ...intent, trainingSentences: ['hello', '?! …'] })),
    'intents[0].trainingSentences[1]',
  ],
  // Over a training limit: refused before a job exists, however long the training would take.
  ['epochs 1e9', withConfig({ hyperParameters: { epochs: 1e9 } }), 'config.hyperParameters.epochs'],
  ['minSteps 1e9', withConfig({ hyperParameters: { minSteps: 1e9 } }), 'config.hyperParameters'],
  [
    'a 1 MB training sentence',
    withIntent(0, (intent) => ({ ...intent, trainingSentences: ['hello', 'word '.repeat(200_000)] })),
    'intents[0].trainingSentences[1]',
  ],
  ['10,000 intents', (d) => manyIntents(d, 10_000), 'intents'],
];

function manyIntents(definition: Definition, count: number): Definition {
  const extra = Array.from({ length: count }, (_, i) => ({ name: `intent_${i}`, trainingSentences: [`sentence number ${i}`] }));
  return { ...definition, intents: [...intents(definition), ...extra] };
}

export function trainCases(): GrpcCase[] {
  return ['Train', 'StartTraining'].flatMap((method) => [
    ...BAD_DEFINITIONS.map(([name, mutate, field]): GrpcCase => {
      const definition = mutate(tinyDefinition('bad_bot'));
      return {
        name: `${method}: ${name}`,
        method,
        request: definition === undefined ? {} : { definition },
        expect: 'INVALID_ARGUMENT',
        field,
      };
    }),
    ...[
      ['an invalid alias', 'bad alias!'],
      ['an empty alias', ''],
      ['an alias starting with a digit', '1st'],
      ['an alias of 65 characters', `a${'b'.repeat(64)}`],
    ].map(([name, alias]): GrpcCase => ({
      name: `${method}: ${name}`,
      method,
      request: { definition: tinyDefinition('bad_bot'), aliases: ['production', alias] },
      expect: 'INVALID_ARGUMENT',
      field: 'aliases[1]',
    })),
    {
      name: `${method}: a definition over the message size limit`,
      method,
      request: { definition: manyIntents(tinyDefinition('huge_bot'), 120_000) },
      expect: 'RESOURCE_EXHAUSTED',
    },
    {
      name: `${method}: while another training runs and no training may wait`,
      method,
      request: { definition: tinyDefinition('second_bot') },
      expect: 'RESOURCE_EXHAUSTED',
      server: 'gated',
    },
  ]);
}
