/**
 * The REST routes of sessions (/v1/sessions…): each validates its input by schema and hands the work to
 * SessionTurns. Errors are thrown and answered by the one error handler.
 */
import type { FastifyInstance } from 'fastify';
import type { JsonObject } from '@parley/domain';
import type { SessionTurns } from '../turns/session-turns';
import {
  createBody,
  errorResponses,
  eventBody,
  fileBody,
  historyPage,
  historyQuery,
  messageBody,
  sessionParams,
  sessionView,
  turnResult,
} from './schemas';

type Params = { id: string };

export function registerSessionRoutes(app: FastifyInstance, turns: SessionTurns): void {
  const tags = ['sessions'];

  app.post<{ Body: { id?: string } | undefined }>('/v1/sessions', {
    schema: {
      tags,
      summary: 'Create a session; the initial state body runs',
      body: createBody,
      response: { 201: turnResult, ...errorResponses(400, 409, 413, 415, 503) },
    },
    // An empty POST creates a session with a random id; a JSON `null` is a body, which the schema refuses.
    preValidation: (request, _reply, done) => {
      if (request.body === undefined) request.body = {};
      done();
    },
    handler: async (request, reply) => {
      const result = await turns.create(request.body?.id);
      return reply.code(201).header('location', `/v1/sessions/${result.id}`).send(result);
    },
  });

  app.post<{ Params: Params; Body: { text: string; messageId?: string } }>('/v1/sessions/:id/messages', {
    schema: {
      tags,
      summary: 'Post a user message',
      params: sessionParams,
      body: messageBody,
      response: { 200: turnResult, ...errorResponses(400, 404, 413, 415, 503) },
    },
    handler: (request) => turns.turn(request.params.id, { kind: 'message', text: request.body.text }, request.body.messageId, request.id),
  });

  app.post<{ Params: Params; Body: { name: string; type: string; base64: string; messageId?: string } }>('/v1/sessions/:id/files', {
    schema: {
      tags,
      summary: 'Post a file',
      params: sessionParams,
      body: fileBody,
      response: { 200: turnResult, ...errorResponses(400, 404, 413, 415, 503) },
    },
    handler: (request) => {
      const { name, type, base64, messageId } = request.body;
      return turns.turn(request.params.id, { kind: 'file', file: { name, type, base64 } }, messageId, request.id);
    },
  });

  app.post<{ Params: Params; Body: { name: string; params: JsonObject; messageId?: string } }>('/v1/sessions/:id/events', {
    schema: {
      tags,
      summary: 'Post an event',
      params: sessionParams,
      body: eventBody,
      response: { 200: turnResult, ...errorResponses(400, 404, 413, 415, 503) },
    },
    handler: (request) => {
      const { name, params, messageId } = request.body;
      return turns.turn(request.params.id, { kind: 'event', name, params }, messageId, request.id);
    },
  });

  app.get<{ Params: Params }>('/v1/sessions/:id', {
    schema: {
      tags,
      summary: 'Get a session: state, variables and recent history',
      params: sessionParams,
      response: { 200: sessionView, ...errorResponses(400, 404, 503) },
    },
    handler: (request) => turns.get(request.params.id),
  });

  app.get<{ Params: Params; Querystring: { offset: number; limit: number } }>('/v1/sessions/:id/history', {
    schema: {
      tags,
      summary: 'The whole history, a page at a time',
      params: sessionParams,
      querystring: historyQuery,
      response: { 200: historyPage, ...errorResponses(400, 404, 503) },
    },
    handler: async (request) => {
      const { offset, limit } = request.query;
      const page = await turns.history(request.params.id, { offset, limit });
      return { ...page, offset, limit };
    },
  });

  app.post<{ Params: Params }>('/v1/sessions/:id/reset', {
    schema: {
      tags,
      summary: 'Back to the initial state with no variables (history is kept)',
      params: sessionParams,
      response: { 200: turnResult, ...errorResponses(400, 404, 415, 503) },
    },
    handler: (request) => turns.reset(request.params.id),
  });

  app.delete<{ Params: Params }>('/v1/sessions/:id', {
    schema: {
      tags,
      summary: 'Delete a session with its history',
      params: sessionParams,
      response: { 204: { type: 'null', description: 'Deleted' }, ...errorResponses(400, 404, 503) },
    },
    handler: async (request, reply) => {
      await turns.delete(request.params.id);
      return reply.code(204).send();
    },
  });
}
