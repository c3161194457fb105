/** Loads proto/parley/nlu/v1/nlu.proto for @grpc/grpc-js, typed with the generated types. */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProtoGrpcType } from './generated/nlu';
import { withPredictionCodec } from './prediction-codec';

export const NLU_PROTO_FILE = 'parley/nlu/v1/nlu.proto';

/**
 * The proto/ folder of the repository (or of the image, which keeps the same layout), else the copy an installed
 * @parley/proto carries (packed into it by its prepack script).
 */
export function protoDir(): string {
  const candidates = [resolve(__dirname, '../../../proto'), resolve(__dirname, '../../../../proto'), resolve(__dirname, '../proto')];
  const found = candidates.find((dir) => existsSync(join(dir, NLU_PROTO_FILE)));
  if (!found) throw new Error(`proto/${NLU_PROTO_FILE} not found near ${__dirname}`);
  return found;
}

/** Options shared by every loader of our contract, so client and server decode alike. */
export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

export interface NluPackage {
  definition: protoLoader.PackageDefinition;
  grpcObject: ProtoGrpcType;
}

const cached = new Map<boolean, NluPackage>();

/**
 * The loaded contract. Predict's, PredictBatch's and PredictStream's answers go through prediction-codec.ts (a
 * 150-intent ranking costs protobufjs more than predicting; see README.md); `{ predictionCodec: false }` gives
 * proto-loader's own serializers instead, for a client or server that would rather not depend on the hand codec.
 */
export function loadNluPackage(options: { predictionCodec?: boolean } = {}): NluPackage {
  const withCodec = options.predictionCodec ?? true;
  let loaded = cached.get(withCodec);
  if (!loaded) {
    const plain = protoLoader.loadSync(NLU_PROTO_FILE, { ...PROTO_LOADER_OPTIONS, includeDirs: [protoDir()] });
    const definition = withCodec ? withPredictionCodec(plain) : plain;
    loaded = { definition, grpcObject: grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType };
    cached.set(withCodec, loaded);
  }
  return loaded;
}
