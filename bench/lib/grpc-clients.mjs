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

/** nlu.proto through stock proto-loader, without @parley/proto's prediction codec. */
export function plainNluDefinition() {
  const { NLU_PROTO_FILE, PROTO_LOADER_OPTIONS, protoDir } = proto();
  return protoLoader.loadSync(NLU_PROTO_FILE, { ...PROTO_LOADER_OPTIONS, includeDirs: [protoDir()] });
}

/** What a client generated from nlu.proto with grpc-js's defaults gets. */
export function plainNluClient(address) {
  return new (grpc.loadPackageDefinition(plainNluDefinition()).parley.nlu.v1.Nlu)(address, grpc.credentials.createInsecure());
}

/** The baseline: a bare echo client, with the same options as nluClient unless `options` says otherwise. */
export function echoClient(address, options = proto().nluClientOptions()) {
  const definition = protoLoader.loadSync(fileURLToPath(new URL('../echo/echo.proto', import.meta.url)));
  const pkg = grpc.loadPackageDefinition(definition);
  return new pkg.parley.bench.v1.Echo(address, grpc.credentials.createInsecure(), options);
}

/** Promisifies a unary method with a deadline. */
export function unary(client, method, timeoutMs = 10_000) {
  return (request) =>
    new Promise((resolve, reject) => {
      client[method](request, { deadline: Date.now() + timeoutMs }, (error, response) => (error ? reject(error) : resolve(response)));
    });
}
