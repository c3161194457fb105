/** Loads proto/parley/nlu/v1/nlu.proto for @grpc/grpc-js, typed with the generated types. */
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProtoGrpcType } from './generated/nlu';
import { withPredictionCodec } from './prediction-codec';

export const NLU_PROTO_FILE = 'parley/nlu/v1/nlu.proto';

/** The proto/ folder: PARLEY_PROTO_DIR when set by a deployment, else the repository's. */
export function protoDir(): string {
  const candidates = [resolve(__dirname, '../../../proto'), resolve(__dirname, '../../../../proto')];
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

let cached: { definition: protoLoader.PackageDefinition; grpcObject: ProtoGrpcType } | undefined;

export function loadNluPackage(): { definition: protoLoader.PackageDefinition; grpcObject: ProtoGrpcType } {
  if (!cached) {
    // Predictions travel through prediction-codec.ts: a 150-intent ranking costs protobufjs more than predicting.
    const definition = withPredictionCodec(protoLoader.loadSync(NLU_PROTO_FILE, { ...PROTO_LOADER_OPTIONS, includeDirs: [protoDir()] }));
    cached = { definition, grpcObject: grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType };
  }
  return cached;
}
