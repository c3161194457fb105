export { loadNluPackage, protoDir, NLU_PROTO_FILE, PROTO_LOADER_OPTIONS, type NluPackage } from './load-nlu-package';
export { NLU_SERVICE } from './nlu-service-name';
export type { ProtoGrpcType } from './generated/nlu';
export type * as nluV1 from './generated/parley/nlu/v1/index';
export { toWireValue, toWireStruct, fromWireValue, fromWireStruct } from './json-wire';
export { predictionToWire, predictionFromWire } from './prediction-wire';
export { definitionToWire, definitionFromWire } from './definition-wire';
export { trainProgressToWire, trainProgressFromWire } from './train-progress-wire';
export { REQUEST_ID_METADATA } from './request-id';
export { AUTHORIZATION_METADATA, apiKeyInterceptor } from './api-key-interceptor';
export { nluClientOptions } from './nlu-client-options';
export { protobufWireProblem } from './protobuf-wire';
export {
  parleyErrorFromGrpc,
  errorMetadata,
  streamErrorOfStatus,
  statusOfStreamError,
  ERROR_CODE_METADATA,
  ERROR_FIELD_METADATA,
  type GrpcFailure,
} from './grpc-error';
