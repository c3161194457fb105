/** How a job trains a definition into an artifact: in a worker process (the service) or inline (tests, CLI). */
import type { BotDefinition, TrainProgressEvent } from '@parley/domain';
import type { NluModelArtifact, SentenceEncoder } from '@parley/nlu';

export interface TrainerOptions {
  onProgress: (event: TrainProgressEvent) => void;
  /** Aborting rejects with ParleyError('CANCELED'); so does a signal already aborted when train is called. */
  signal: AbortSignal;
  /** The sentence encoder the training may use (config.encoder decides); undefined: none. */
  encoder?: SentenceEncoder | undefined;
}

export interface Trainer {
  train(definition: BotDefinition, options: TrainerOptions): Promise<NluModelArtifact>;
}
