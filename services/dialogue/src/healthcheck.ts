/**
 * The dialogue container's HEALTHCHECK: GET /health of the service beside it (PARLEY_HTTP_HOST/PARLEY_HTTP_PORT, a
 * wildcard host read as loopback); exits 0 on a 200 within the deadline, 1 otherwise. Liveness only: /ready, which
 * also asks the store and the NLU, is for load balancers.
 */
import { loadHealthcheckConfig } from './config';

const DEADLINE_MS = 2_000;

async function main(): Promise<void> {
  const { url } = loadHealthcheckConfig();
  const response = await fetch(url, { signal: AbortSignal.timeout(DEADLINE_MS) });
  process.stdout.write(`parley dialogue service at ${url}: ${response.status}\n`);
  process.exit(response.ok ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`parley dialogue service health check failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
