/** Training progress through real protobuf bytes, as WatchJob and Train send it. */
import { overTheWire } from '@parley/testkit/proto/over-the-wire';
import { describe, expect, it } from 'vitest';
import type * as nluV1 from './generated/parley/nlu/v1';
import { trainProgressFromWire, trainProgressToWire } from './train-progress-wire';

const received = (wire: nluV1.TrainProgress): nluV1.TrainProgress__Output => overTheWire('TrainProgress', wire);

describe('train-progress-wire', () => {
  it('reads back the progress it sent', () => {
    const event = { scope: 's0', epoch: 3, epochs: 40, loss: 0.5, accuracy: 0.75 };
    const message = received({ jobId: 'j', state: 'JOB_STATE_TRAINING', ...trainProgressToWire(event) });
    expect(trainProgressFromWire(message)).toEqual(event);
  });

  it('reads a message sent before the first epoch as no progress', () => {
    expect(trainProgressFromWire(received({ jobId: 'j', state: 'JOB_STATE_PENDING', ...trainProgressToWire(undefined) }))).toBeUndefined();
  });
});
