/** Test support: the artifact of a real, tiny trained model (two intents), for tests of what holds models. */
import { parseDefinition, trainModel, type NluModelArtifact } from '@parley/nlu';

export async function trainTinyModel(): Promise<{ artifact: NluModelArtifact; sizeBytes: number }> {
  const model = await trainModel(
    parseDefinition({
      name: 'tiny',
      intents: [
        { name: 'greet', trainingSentences: ['hello', 'hi', 'good morning'] },
        { name: 'bye', trainingSentences: ['bye', 'goodbye', 'see you'] },
      ],
    }),
  );
  return { artifact: model.toArtifact(), sizeBytes: model.sizeBytes };
}
