/**
 * A real trainer (the NLU service's InlineTrainer) that trains only the first definitions it is given and holds
 * every later one until its job is canceled. A fuzzer may then send any valid definition without the served model
 * changing under it, and without spending minutes training random bots.
 */
import { ParleyError, type BotDefinition } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';
import { InlineTrainer, type Trainer } from '../../../services/nlu/src/index';
import type { TrainerOptions } from '../../../services/nlu/src/jobs/trainer';

export class FirstOnlyTrainer implements Trainer {
  private readonly inner = new InlineTrainer();
  private remaining: number;
  held = 0;

  constructor(count: number) {
    this.remaining = count;
  }

  async train(definition: BotDefinition, options: TrainerOptions): Promise<NluModelArtifact> {
    if (this.remaining > 0) {
      this.remaining -= 1;
      return this.inner.train(definition, options);
    }
    this.held += 1;
    await new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
    throw new ParleyError('CANCELED', `training ${definition.name} was held by the test and canceled`);
  }
}
