/**
 * Trains on the calling thread. The CLI's `--local` and tests use it; the service prefers WorkerTrainer so that
 * predictions keep flowing while a model trains.
 */
import type { BotDefinition } from '@parley/domain';
import { trainModel, type NluModelArtifact } from '@parley/nlu';
import type { Trainer, TrainerOptions } from './trainer';

export class InlineTrainer implements Trainer {
  async train(definition: BotDefinition, options: TrainerOptions): Promise<NluModelArtifact> {
    const model = await trainModel(definition, {
      onProgress: options.onProgress,
      signal: options.signal,
      ...(options.encoder ? { encoder: options.encoder } : {}),
    });
    return model.toArtifact();
  }
}
