import { describe, expect, it } from 'vitest';
import { loadModel } from './load-model';
import { MODEL_FORMAT } from './model-version';
import { trainModel } from './train-model';
import { testDefinition } from './test-definition';

describe('model artifact', async () => {
  const model = await trainModel(testDefinition({ hyperParameters: { members: 2, dimension: 8, minSteps: 50 } }));
  const artifact = model.toArtifact();

  it('describes the model in a JSON manifest and the weights by a byte layout', () => {
    const manifest = artifact.manifest as Record<string, any>;
    expect(manifest).toMatchObject({
      format: MODEL_FORMAT,
      version: model.version,
      seed: 42,
      classifier: { dimension: 2 * model.definition.config.hyperParameters.dimension!, activation: 'softmax' },
    });
    expect(manifest.definition).toEqual(model.definition);
    expect(manifest.vocabulary.hashing).toBe('fnv1a-32');
    const layout = manifest.layout as Array<{ name: string; offset: number; length: number }>;
    expect(layout.map((block) => block.name)).toEqual(['hashes', 'embedding', 'embeddingScales', 'output', 'bias']);
    const last = layout.at(-1)!;
    expect(artifact.weights.byteLength).toBe(last.offset + last.length * 4);
  });

  it('loads from bytes at an odd offset (a slice of a bigger buffer)', () => {
    const padded = new Uint8Array(artifact.weights.byteLength + 1);
    padded.set(artifact.weights, 1);
    const loaded = loadModel({ manifest: artifact.manifest, weights: padded.subarray(1) });
    expect(loaded.predict('weather in BCN please')).toEqual(model.predict('weather in BCN please'));
  });

  it('refuses another format and truncated weights, naming the field', () => {
    expect(() => loadModel({ manifest: { ...artifact.manifest, format: 'other/9' }, weights: artifact.weights })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'manifest.format' }),
    );
    expect(() => loadModel({ manifest: artifact.manifest, weights: artifact.weights.subarray(0, 100) })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'weights' }),
    );
  });
});
