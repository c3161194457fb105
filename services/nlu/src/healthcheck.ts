/**
 * The NLU container's HEALTHCHECK: asks the service beside it (PARLEY_NLU_HOST/PARLEY_NLU_PORT, a wildcard host
 * read as loopback) over the standard gRPC health service and exits 0 when it answers SERVING, 1 otherwise — while
 * models are still loading, when it does not answer within the deadline, or when nothing listens. Health checks
 * need no API key.
 */
import { credentials, makeClientConstructor, type Client, type ServiceError } from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { loadHealthcheckConfig } from './config';

const DEADLINE_MS = 2_000;

type HealthClient = Client & {
  check(
    request: { service: string },
    options: { deadline: number },
    callback: (error: ServiceError | null, answer?: { status: string }) => void,
  ): void;
};

function check(target: string): Promise<string> {
  const Health = makeClientConstructor(healthService, 'grpc.health.v1.Health');
  const client = new Health(target, credentials.createInsecure()) as unknown as HealthClient;
  return new Promise<string>((resolve, reject) => {
    client.check({ service: '' }, { deadline: Date.now() + DEADLINE_MS }, (error, answer) => {
      client.close();
      if (error) reject(error);
      else resolve(answer?.status ?? 'UNKNOWN');
    });
  });
}

async function main(): Promise<void> {
  const { target } = loadHealthcheckConfig();
  const status = await check(target);
  process.stdout.write(`parley NLU service at ${target}: ${status}\n`);
  process.exit(status === 'SERVING' ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`parley NLU service health check failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
