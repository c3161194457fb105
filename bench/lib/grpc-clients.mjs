// gRPC clients for benchmarks: the Parley NLU (from the built @parley/proto) and the bare echo baseline.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export function nluClient(address) {
  const { loadNluPackage } = require('../../packages/proto/dist/index.js');
  const { grpcObject } = loadNluPackage();
  return new grpcObject.parley.nlu.v1.Nlu(address, grpc.credentials.createInsecure());
}

export function echoClient(address) {
  const definition = protoLoader.loadSync(fileURLToPath(new URL('../echo/echo.proto', import.meta.url)));
  const pkg = grpc.loadPackageDefinition(definition);
  return new pkg.parley.bench.v1.Echo(address, grpc.credentials.createInsecure());
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
