/**
 * Routes for operators and orchestrators: /health (the process answers), /ready (the store and the NLU answer,
 * the bot's model is trained and the service is not shutting down) and /metrics (Prometheus).
 */
import type { FastifyInstance } from 'fastify';
import { type ErrorCode, isParleyError } from '@parley/domain';
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
      const [store, nlu] = await Promise.all([check(deps.store, 'STORE_UNAVAILABLE'), check(deps.nlu, 'NLU_UNAVAILABLE')]);
      const checks = { store: store.message, nlu: nlu.message };
      if (store.ok && nlu.ok) return { status: 'ready', checks };
      const failed = store.ok ? nlu : store;
      return reply
        .code(503)
        .header('retry-after', '1')
        .send({ status: 'unavailable', checks, error: { code: failed.code, message: failed.message } });
    },
  });

  app.get('/metrics', {
    schema: { tags, summary: 'Prometheus metrics', response: { 200: { type: 'string' } } },
    handler: async (_request, reply) => reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  });
}

/** `code`: what an unexpected failure counts as; a ParleyError keeps its own (SERVICE_STARTING while starting). */
async function check(probe: ReadinessProbe, code: ErrorCode): Promise<{ ok: boolean; message: string; code: ErrorCode }> {
  try {
    await probe.ping();
    return { ok: true, message: 'ok', code };
  } catch (error) {
    return isParleyError(error) ? { ok: false, message: error.message, code: error.code } : { ok: false, message: 'unreachable', code };
  }
}
