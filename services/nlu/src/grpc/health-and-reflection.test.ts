/** health-and-reflection.ts: health checks and server reflection, open even where every other call needs a key. */
import { NLU_SERVICE } from '@parley/proto';
import { credentials, loadPackageDefinition, makeClientConstructor, status, type Client } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { type Callback, type Running, tempDir, removeTempDirs, startServer, call } from '@parley/testkit/nlu-service/nlu-grpc-server';

afterAll(removeTempDirs);

// Health and reflection need no API key, even on a server that requires keys for everything else.
describe.each([
  ['open', {}],
  ['requiring API keys', { PARLEY_NLU_API_KEYS: 'health-test-key-0123456789' }],
])('NLU gRPC server (%s): health and reflection', (_label, env: Record<string, string>) => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer(await tempDir(), env);
  });
  afterAll(() => server.close());

  it('grpc.health.v1.Health says SERVING for the server and the Nlu service', async () => {
    const Health = makeClientConstructor(healthService, 'grpc.health.v1.Health');
    const health = new Health(`127.0.0.1:${server.port}`, credentials.createInsecure()) as unknown as Client & {
      check(request: { service: string }, options: { deadline: Date }, callback: Callback<{ status: string }>): void;
    };
    try {
      for (const name of ['', NLU_SERVICE]) {
        const answer = await call<{ status: string }>((options, callback) => health.check({ service: name }, options, callback));
        expect(answer.status).toBe('SERVING');
      }
    } finally {
      health.close();
    }
  });

  it('server reflection lists the Nlu, health and reflection services', async () => {
    const reflectionProto = join(require.resolve('@grpc/reflection'), '..', '..', 'proto', 'grpc', 'reflection', 'v1', 'reflection.proto');
    const loaded = loadPackageDefinition(loadSync(reflectionProto, { keepCase: true })) as unknown as {
      grpc: {
        reflection: {
          v1: {
            ServerReflection: new (
              address: string,
              creds: ReturnType<typeof credentials.createInsecure>,
            ) => Client & {
              ServerReflectionInfo(): NodeJS.ReadWriteStream;
            };
          };
        };
      };
    };
    const reflection = new loaded.grpc.reflection.v1.ServerReflection(`127.0.0.1:${server.port}`, credentials.createInsecure());
    try {
      const names = await new Promise<string[]>((resolve, reject) => {
        const duplex = reflection.ServerReflectionInfo();
        duplex.on('data', (response: { list_services_response?: { service: Array<{ name: string }> } }) => {
          resolve((response.list_services_response?.service ?? []).map((entry) => entry.name));
          duplex.end();
        });
        duplex.on('error', reject);
        duplex.write({ list_services: '' } as never);
      });
      expect(names).toEqual(expect.arrayContaining([NLU_SERVICE, 'grpc.health.v1.Health']));
    } finally {
      reflection.close();
    }
  });
});
