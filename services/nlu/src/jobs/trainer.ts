/** How a job trains a definition into an artifact: in a worker process (the service) or inline (tests, CLI). */
import type { BotDefinition, TrainProgressEvent } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';

export interface TrainerOptions {
  onProgress: (event: TrainProgressEvent) => void;
  /** Aborting rejects with ParleyError('CANCELED'); so does a signal already aborted when train is called. */
  signal: AbortSignal;
}

export interface Trainer {
  train(definition: BotDefinition, options: TrainerOptions): Promise<NluModelArtifact>;
}
