/** Training progress through real protobuf bytes, as WatchJob and Train send it. */
import type { MessageTypeDefinition } from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import type * as nluV1 from './generated/parley/nlu/v1';
import { loadNluPackage } from './load-nlu-package';
import { trainProgressFromWire, trainProgressToWire } from './train-progress-wire';

function overTheWire(wire: nluV1.TrainProgress): nluV1.TrainProgress__Output {
  const type = loadNluPackage().definition['parley.nlu.v1.TrainProgress'] as MessageTypeDefinition<
    nluV1.TrainProgress,
    nluV1.TrainProgress__Output
  >;
  return type.deserialize(type.serialize(wire));
}

describe('train-progress-wire', () => {
  it('reads back the progress it sent', () => {
    const event = { scope: 's0', epoch: 3, epochs: 40, loss: 0.5, accuracy: 0.75 };
    const received = overTheWire({ jobId: 'j', state: 'JOB_STATE_TRAINING', ...trainProgressToWire(event) });
    expect(trainProgressFromWire(received)).toEqual(event);
  });

  it('reads a message sent before the first epoch as no progress', () => {
    expect(
      trainProgressFromWire(overTheWire({ jobId: 'j', state: 'JOB_STATE_PENDING', ...trainProgressToWire(undefined) })),
    ).toBeUndefined();
  });
});
