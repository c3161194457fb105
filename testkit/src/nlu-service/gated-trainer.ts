/**
 * Test support: a real trainer (InlineTrainer) that first waits at a gate, so a test can act while a job is
 * pending or training. Aborting while at the gate goes on into training, which then rejects with CANCELED.
 */
import type { BotDefinition } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';
import { InlineTrainer } from '../../../services/nlu/src/jobs/inline-trainer';
import type { Trainer, TrainerOptions } from '../../../services/nlu/src/jobs/trainer';

export class GatedTrainer implements Trainer {
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  private readonly inner = new InlineTrainer();

  open(): void {
    this.release();
  }

  async train(definition: BotDefinition, options: TrainerOptions): Promise<NluModelArtifact> {
    // A signal aborted before the call never fires 'abort' again: go straight on (training then rejects with CANCELED).
    if (!options.signal.aborted) {
      await Promise.race([this.gate, new Promise((resolve) => options.signal.addEventListener('abort', resolve, { once: true }))]);
    }
    return this.inner.train(definition, options);
  }
}
