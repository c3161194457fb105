import { describe, expect, it } from 'vitest';
import { WordHashEncoder } from '@parley/testkit/nlu/word-hash-encoder';
import { loadModel } from './load-model';
import { testDefinition } from './test-definition';
import { trainModel } from './train-model';

const definition = { ...testDefinition({ encoder: 'use-lite', threshold: undefined }), name: 'encoder-model' };

describe('a model with a sentence encoder', () => {
  it('records the encoder and a cross-validated calibration, and predicts with the vector', async () => {
    const encoder = new WordHashEncoder();
    const model = await trainModel(definition, { encoder });
    expect(model.encoder).toBe('word-hash@1');
    expect(model.calibration.thresholdSource).toBe('cross-validation');
    expect(model.calibration.fusionWeight).toBeGreaterThan(0);
    expect(model.calibration.fusionWeight).toBeLessThan(1);
    const text = 'what is the weather like in Paris';
    const [vector] = await encoder.encode([model.encoderText(text)]);
    const prediction = model.predict(text, '*', new Date(), vector);
    expect(prediction.ranking[0]?.intent).toBe('weather');
    expect(() => model.predict(text)).toThrow(/needs the text's vector/);
  });

  it('trains the same model twice, and its artifact loads and predicts identically', async () => {
    const first = await trainModel(definition, { encoder: new WordHashEncoder() });
    const second = await trainModel(definition, { encoder: new WordHashEncoder() });
    expect(first.version).toBe(second.version);
    expect(Buffer.from(first.toArtifact().weights).equals(Buffer.from(second.toArtifact().weights))).toBe(true);
    expect(first.calibration).toEqual(second.calibration);
    const loaded = loadModel(first.toArtifact());
    const encoder = new WordHashEncoder();
    for (const text of ['weather in Paris please', 'hello there', 'book me something']) {
      const [vector] = await encoder.encode([first.encoderText(text)]);
      expect(loaded.predict(text, '*', new Date(0), vector)).toEqual(first.predict(text, '*', new Date(0), vector));
    }
  });
});

describe('a bot of one intent with a sentence encoder', () => {
  it('trains and answers its intent', async () => {
    const single = { ...definition, name: 'single', scopes: [], intents: definition.intents.slice(0, 1) };
    const encoder = new WordHashEncoder();
    const model = await trainModel(single, { encoder });
    const text = single.intents[0]!.trainingSentences[0]!;
    const [vector] = await encoder.encode([model.encoderText(text)]);
    expect(model.predict(text, '*', new Date(), vector).intent).toBe(single.intents[0]!.name);
  });
});
