/**
 * The standard services beside ours: grpc.health.v1.Health (NOT_SERVING until the models are loaded) and server
 * reflection over the compiled descriptors of every served file, so `grpcurl -plaintext HOST:PORT list` and
 * `describe`, and any client that knows only the reflection protocol, work without the .proto files.
 */
import { NLU_SERVICE } from '@parley/proto';
import type { Server } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { HealthImplementation } from 'grpc-health-check';
import { DescriptorSet } from './descriptor-set';
import { addTolerantService } from './malformed-requests';
import { addReflectionService } from './reflection-service';

export type ServingStatus = 'SERVING' | 'NOT_SERVING';

export interface HealthSwitch {
  set(status: ServingStatus): void;
}

export function addHealthAndReflection(server: Server, logger: Logger, descriptors: DescriptorSet = DescriptorSet.load()): HealthSwitch {
  const health = new HealthImplementation({ '': 'NOT_SERVING', [NLU_SERVICE]: 'NOT_SERVING' });
  // Added tolerantly, so malformed request bytes get INVALID_ARGUMENT here too (the library adds its own service).
  health.addToServer({ addService: (definition, implementation) => addTolerantService(server, definition, implementation, logger) });
  addReflectionService(server, descriptors, logger);
  return {
    set(status) {
      health.setStatus('', status);
      health.setStatus(NLU_SERVICE, status);
    },
  };
}
