/**
 * The audit route (GET /v1/audit): a filtered page of what BBF's monitoring database keeps (predictions,
 * transitions, session events) across every session, deleted and expired ones included. Behind the API key like
 * every /v1 route; the store checks what the schema cannot (dates, score bounds, the cursor).
 */
import type { FastifyInstance } from 'fastify';
import type { AuditQuery, SessionStore } from '@parley/session-store';
import { auditPage, auditQuery } from './audit-schemas';
import { errorResponses } from './schemas';

export function registerAuditRoutes(app: FastifyInstance, store: Pick<SessionStore, 'queryAudit'>): void {
  app.get<{ Querystring: AuditQuery }>('/v1/audit', {
    schema: {
      tags: ['audit'],
      summary: 'A page of the audit, newest first, filtered by session, kind, intent, state, fallback reason, score and time',
      querystring: auditQuery,
      response: { 200: auditPage, ...errorResponses(400, 401, 503) },
    },
    handler: (request) => store.queryAudit(request.query),
  });
}
