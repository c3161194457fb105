/** A small bot definition shared by the model tests (a few intents, two scopes). */
import { DEFAULT_NLU_CONFIG, type BotDefinition, type IntentParameter, type NluConfig } from '@parley/domain';

export function testDefinition(config: Partial<NluConfig> = {}): BotDefinition {
  const intent = (name: string, trainingSentences: string[], parameters: IntentParameter[] = []) => ({
    name,
    trainingSentences,
    parameters,
  });
  return {
    name: 'test-bot',
    language: 'en',
    intents: [
      intent('greeting', ['hello', 'hi there', 'good morning', 'hey, how are you', 'hello bot', 'greetings']),
      intent('goodbye', ['bye', 'goodbye', 'see you later', 'talk to you soon', 'bye bye', 'farewell']),
      intent(
        'weather',
        [
          'what is the weather like',
          'will it rain today',
          'is it sunny outside',
          'weather forecast please',
          'how hot is it',
          'do I need an umbrella',
          'weather in CITY',
          'is it raining in CITY',
        ],
        [{ name: 'city', fragment: 'CITY', entity: 'city' }],
      ),
      intent('thanks', ['thank you', 'thanks a lot', 'many thanks', 'thanks for your help', 'I appreciate it', 'cheers']),
      intent('order_pizza', [
        'I want to order a pizza',
        'get me a pizza',
        'pizza delivery please',
        'order a large pepperoni pizza',
        'can I have a margherita',
        'I am hungry, order food',
      ]),
    ],
    entities: [
      {
        name: 'city',
        entries: [
          { value: 'Barcelona', synonyms: ['BCN'] },
          { value: 'Paris', synonyms: [] },
        ],
      },
    ],
    scopes: [
      { name: 'start', intents: ['greeting', 'weather'] },
      { name: 'only_goodbye', intents: ['goodbye'] },
    ],
    // BBF's threshold and no encoder, pinned: these tests check the bag and the decision rule, not calibration.
    config: { ...DEFAULT_NLU_CONFIG, threshold: 0.4, encoder: 'none', hyperParameters: {}, ...config },
  };
}
