/**
 * The standard services beside ours: grpc.health.v1.Health (NOT_SERVING until the models are loaded) and server
 * reflection over both protos, so `grpcurl -plaintext HOST:PORT list` works without the .proto files.
 */
import { NLU_SERVICE } from '@parley/proto';
import type { Server } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation, service as healthService } from 'grpc-health-check';
import { addTolerantService } from './malformed-requests';

export type ServingStatus = 'SERVING' | 'NOT_SERVING';
type PackageDefinition = ConstructorParameters<typeof ReflectionService>[0];

export interface HealthSwitch {
  set(status: ServingStatus): void;
}

export function addHealthAndReflection(server: Server, nluPackage: PackageDefinition, logger: Logger): HealthSwitch {
  const health = new HealthImplementation({ '': 'NOT_SERVING', [NLU_SERVICE]: 'NOT_SERVING' });
  // Added tolerantly, so malformed request bytes get INVALID_ARGUMENT here too (the library adds its own service).
  health.addToServer({ addService: (definition, implementation) => addTolerantService(server, definition, implementation, logger) });
  // Reflection reads file descriptors off message types; the health request type carries health.proto's.
  const check = healthService['Check'];
  const healthTypes: PackageDefinition = check ? { 'grpc.health.v1.HealthCheckRequest': check.requestType } : {};
  new ReflectionService({ ...nluPackage, ...healthTypes }).addToServer(server);
  return {
    set(status) {
      health.setStatus('', status);
      health.setStatus(NLU_SERVICE, status);
    },
  };
}
