/**
 * gRPC server reflection (grpc.reflection.v1 and its predecessor v1alpha, as grpcurl and Python's reflection client
 * speak them), answered from the compiled DescriptorSet: each file byte for byte as the compiler wrote it, under
 * its real name, with its imports. (@grpc/reflection serves the descriptors proto-loader makes up, with synthetic
 * file names, no imports and camelCase fields, and re-encodes them through protobufjs, which drops proto3
 * optionals: grpc-node issue 3018. Python's descriptor pool refuses those.)
 */
import { type Server, type ServerDuplexStream, loadPackageDefinition, status } from '@grpc/grpc-js';
import { loadFileDescriptorSetFromBuffer } from '@grpc/proto-loader';
import type { Logger } from 'pino';
import type { DescriptorSet } from './descriptor-set';
import { MalformedRequest, addTolerantService, malformedRequestError } from './malformed-requests';

const REFLECTION_VERSIONS = ['v1', 'v1alpha'] as const;

/** A request as proto-loader decodes it with keepCase and oneofs: the oneof's name says which field is set. */
interface ReflectionRequest {
  host?: string;
  message_request?:
    'file_by_filename' | 'file_containing_symbol' | 'file_containing_extension' | 'all_extension_numbers_of_type' | 'list_services';
  file_by_filename?: string;
  file_containing_symbol?: string;
  file_containing_extension?: { containing_type?: string; extension_number?: number };
  all_extension_numbers_of_type?: string;
}

type ReflectionAnswer = Record<string, unknown>;

class NotFound extends Error {}

export function addReflectionService(server: Server, descriptors: DescriptorSet, logger: Logger): void {
  // The service's own wire types come from the same compiled set, which holds both reflection protos.
  const loaded = loadPackageDefinition(
    loadFileDescriptorSetFromBuffer(descriptors.set, { keepCase: true, oneofs: true, longs: Number, enums: String }),
  ) as unknown as { grpc: { reflection: Record<string, { ServerReflection: { service: Parameters<Server['addService']>[0] } }> } };
  for (const version of REFLECTION_VERSIONS) {
    const definition = loaded.grpc.reflection[version]?.ServerReflection.service;
    if (!definition) throw new Error(`grpc.reflection.${version}.ServerReflection is missing from the descriptor set`);
    const handler = (stream: ServerDuplexStream<ReflectionRequest | MalformedRequest, ReflectionAnswer>): void => {
      stream.on('data', (request: ReflectionRequest | MalformedRequest) => stream.write(answer(descriptors, request)));
      stream.on('end', () => stream.end());
    };
    addTolerantService(server, definition, { ServerReflectionInfo: handler }, logger);
  }
}

/** One answer per request, in order; a request that cannot be answered gets an error_response, the stream stays. */
export function answer(descriptors: DescriptorSet, request: ReflectionRequest | MalformedRequest): ReflectionAnswer {
  if (request instanceof MalformedRequest) {
    return { error_response: { error_code: status.INVALID_ARGUMENT, error_message: malformedRequestError(request).message } };
  }
  const base = { valid_host: request.host ?? '', original_request: request };
  try {
    return { ...base, ...respond(descriptors, request) };
  } catch (error) {
    const code = error instanceof NotFound ? status.NOT_FOUND : status.UNIMPLEMENTED;
    return { ...base, error_response: { error_code: code, error_message: (error as Error).message } };
  }
}

function respond(descriptors: DescriptorSet, request: ReflectionRequest): ReflectionAnswer {
  const files = (name: string | undefined, what: string): ReflectionAnswer => {
    const found = name === undefined ? undefined : descriptors.fileWithImports(name);
    if (!found) throw new NotFound(`${what} not found`);
    return { file_descriptor_response: { file_descriptor_proto: found } };
  };
  switch (request.message_request) {
    case 'list_services':
      return { list_services_response: { service: descriptors.services.map((name) => ({ name })) } };
    case 'file_by_filename':
      return files(request.file_by_filename, `file ${JSON.stringify(request.file_by_filename)}`);
    case 'file_containing_symbol': {
      const symbol = request.file_containing_symbol ?? '';
      return files(descriptors.fileDeclaring(symbol), `symbol ${JSON.stringify(symbol)}`);
    }
    case 'file_containing_extension': {
      const { containing_type: type = '', extension_number: number = 0 } = request.file_containing_extension ?? {};
      throw new NotFound(`no extension ${number} of ${type}: the served files declare no extensions`);
    }
    case 'all_extension_numbers_of_type': {
      const type = request.all_extension_numbers_of_type ?? '';
      if (!descriptors.isMessage(type)) throw new NotFound(`message type ${JSON.stringify(type)} not found`);
      return { all_extension_numbers_response: { base_type_name: type.replace(/^\./, ''), extension_number: [] } };
    }
    default:
      throw new Error('unknown reflection request: set one of the message_request fields');
  }
}
