/**
 * Training progress on the wire ↔ domain: the epoch fields of a TrainProgress message (Train, WatchJob) and of a
 * TrainingJob's progress, for the NLU service that sends them and every client that reads them.
 */
import type { TrainProgressEvent } from '@parley/domain';
import type * as nluV1 from './generated/parley/nlu/v1';

type Fields = 'scope' | 'epoch' | 'epochs' | 'loss' | 'accuracy';

/** The fields to spread into a TrainProgress message; none before the first epoch. */
export function trainProgressToWire(event: TrainProgressEvent | undefined): Pick<nluV1.TrainProgress, Fields> {
  return event ? { scope: event.scope, epoch: event.epoch, epochs: event.epochs, loss: event.loss, accuracy: event.accuracy } : {};
}

/** The progress a message reports, or undefined when it reports none (no epoch has run: `epochs` is 0). */
export function trainProgressFromWire(wire: Pick<nluV1.TrainProgress__Output, Fields>): TrainProgressEvent | undefined {
  if (wire.epochs === 0) return undefined;
  return { scope: wire.scope, epoch: wire.epoch, epochs: wire.epochs, loss: wire.loss, accuracy: wire.accuracy };
}
