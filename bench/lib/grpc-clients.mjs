// gRPC clients for benchmarks: the Parley NLU (from the built @parley/proto: its prediction codec and client
// options, as the dialogue service and the CLI use them), the same service seen by a plain grpc-js client (stock
// proto-loader decoding, default options), and the bare echo baseline.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const proto = () => require('../../packages/proto/dist/index.js');

export function nluClient(address) {
  const { loadNluPackage, nluClientOptions } = proto();
  return new (loadNluPackage().grpcObject.parley.nlu.v1.Nlu)(address, grpc.credentials.createInsecure(), nluClientOptions());
}

/** What a client generated from nlu.proto with grpc-js's defaults gets. */
export function plainNluClient(address) {
  const { NLU_PROTO_FILE, PROTO_LOADER_OPTIONS, protoDir } = proto();
  const definition = protoLoader.loadSync(NLU_PROTO_FILE, { ...PROTO_LOADER_OPTIONS, includeDirs: [protoDir()] });
  return new (grpc.loadPackageDefinition(definition).parley.nlu.v1.Nlu)(address, grpc.credentials.createInsecure());
}

/** The baseline, with the same channel options as nluClient so that only the work per call differs. */
export function echoClient(address) {
  const definition = protoLoader.loadSync(fileURLToPath(new URL('../echo/echo.proto', import.meta.url)));
  const pkg = grpc.loadPackageDefinition(definition);
  return new pkg.parley.bench.v1.Echo(address, grpc.credentials.createInsecure(), proto().nluClientOptions());
}

/** Promisifies a unary method with a deadline. */
export function unary(client, method, timeoutMs = 10_000) {
  return (request) =>
    new Promise((resolve, reject) => {
      client[method](request, { deadline: Date.now() + timeoutMs }, (error, response) =>
        error ? reject(error) : resolve(response),
      );
    });
}
