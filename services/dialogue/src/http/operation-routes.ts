/**
 * Routes for operators and orchestrators: /health (the process answers), /ready (the store and the NLU answer,
 * the bot's model is trained and the service is not shutting down) and /metrics (Prometheus).
 */
import type { FastifyInstance } from 'fastify';
import { isParleyError } from '@parley/domain';
import type { DialogueMetrics } from '../metrics/dialogue-metrics';
import { errorBody } from './schemas';

export interface ReadinessProbe {
  ping(): Promise<void>;
}

const checkResult = { type: 'string', description: '"ok", or why the dependency is not usable' };
const readiness = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ready', 'unavailable'] },
    checks: { type: 'object', properties: { store: checkResult, nlu: checkResult } },
    error: errorBody.properties.error,
  },
};

export interface OperationDeps {
  store: ReadinessProbe;
  nlu: ReadinessProbe;
  metrics: DialogueMetrics;
  /** True once shutdown has begun: /ready answers 503 SHUTTING_DOWN without asking the store or the NLU. */
  isDraining?: () => boolean;
}

export function registerOperationRoutes(app: FastifyInstance, deps: OperationDeps): void {
  const tags = ['operations'];

  app.get('/health', {
    schema: {
      tags,
      summary: 'Liveness: the process answers',
      response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
    },
    handler: async () => ({ status: 'ok' }),
  });

  app.get('/ready', {
    schema: {
      tags,
      summary: 'Readiness: the store and the NLU are reachable and the model is trained',
      response: { 200: readiness, 503: readiness },
    },
    handler: async (_request, reply) => {
      if (deps.isDraining?.()) {
        const error = { code: 'SHUTTING_DOWN', message: 'the service is shutting down; send requests to another replica' };
        return reply.code(503).header('retry-after', '1').send({ status: 'unavailable', checks: {}, error });
      }
      const [store, nlu] = await Promise.all([check(deps.store), check(deps.nlu)]);
      if (store === 'ok' && nlu === 'ok') return { status: 'ready', checks: { store, nlu } };
      const code = store === 'ok' ? 'NLU_UNAVAILABLE' : 'STORE_UNAVAILABLE';
      const message = store === 'ok' ? nlu : store;
      return reply.code(503).header('retry-after', '1').send({ status: 'unavailable', checks: { store, nlu }, error: { code, message } });
    },
  });

  app.get('/metrics', {
    schema: { tags, summary: 'Prometheus metrics', response: { 200: { type: 'string' } } },
    handler: async (_request, reply) => reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  });
}

async function check(probe: ReadinessProbe): Promise<string> {
  try {
    await probe.ping();
    return 'ok';
  } catch (error) {
    return isParleyError(error) ? error.message : 'unreachable';
  }
}
