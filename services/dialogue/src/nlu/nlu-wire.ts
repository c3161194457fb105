/**
 * The training result as the dialogue service keeps it. Definitions, predictions (and google.protobuf.Value/Struct)
 * map through @parley/proto, shared with the NLU service and the CLI.
 */
import type { nluV1 } from '@parley/proto';

export interface TrainSummary {
  modelId: string;
  version: string;
  reused: boolean;
  warnings: string[];
  trainSeconds: number;
}

export function fromWireTrainResult(wire: nluV1.TrainResult__Output): TrainSummary {
  return {
    modelId: wire.modelId,
    version: wire.version,
    reused: wire.reused,
    warnings: wire.warnings,
    trainSeconds: wire.trainSeconds,
  };
}
