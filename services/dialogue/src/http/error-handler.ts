/**
 * The one translation of errors into HTTP answers `{error: {code, message}}`: a ParleyError by its registered
 * status; fastify's own request errors (schema, body size, media type, malformed JSON) as 4xx naming the field;
 * anything else as a 500 with a generic message and the stack in the log. Bad input never gets a 500.
 */
import { ERROR_CODES, type ErrorCode, isParleyError } from '@parley/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface HttpError {
  status: number;
  code: ErrorCode;
  message: string;
}

type AjvIssue = NonNullable<FastifyError['validation']>[number];

/** fastify's request errors that are the client's fault, by their code. */
const REQUEST_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_ARGUMENT',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_ARGUMENT',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_ARGUMENT',
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const answer = httpErrorOf(error);
    if (answer.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: answer.code, message: answer.message }, 'request refused');
    if (answer.status === 503) void reply.header('retry-after', '1');
    return reply.code(answer.status).send({ error: { code: answer.code, message: answer.message } });
  });
  // HEAD answers as GET would (same status and headers, no body), so the message names GET for it.
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    return reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `no route ${method} ${request.url.split('?')[0]}` } });
  });
}

function httpErrorOf(error: unknown): HttpError {
  if (isParleyError(error)) return { status: error.spec.http, code: error.code, message: error.message };
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    return { status: 400, code: 'INVALID_ARGUMENT', message: validationMessage(fastifyError.validation, fastifyError.validationContext) };
  }
  const code = fastifyError.code === undefined ? undefined : REQUEST_ERRORS[fastifyError.code];
  if (code !== undefined) return { status: ERROR_CODES[code].http, code, message: requestErrorMessage(code, fastifyError) };
  // A fastify error we did not list that is still the client's fault (e.g. a malformed header).
  if (fastifyError.statusCode !== undefined && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: 400, code: 'INVALID_ARGUMENT', message: fastifyError.message ?? 'bad request' };
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error' };
}

function requestErrorMessage(code: ErrorCode, error: Partial<FastifyError>): string {
  switch (code) {
    case 'PAYLOAD_TOO_LARGE':
      return 'body: the request body is larger than the limit';
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'content-type: the body must be application/json';
    default:
      return `body: ${error.message ?? 'malformed request body'}`;
  }
}

/** Names the offending field: "text: must be string", "messageId: is required". */
function validationMessage(issues: AjvIssue[], context: string | undefined): string {
  const issue = issues[0];
  if (!issue) return `${context ?? 'request'}: invalid`;
  const path = issue.instancePath.split('/').filter(Boolean).join('.');
  const params = issue.params as { missingProperty?: string; additionalProperty?: string };
  if (issue.keyword === 'required' && params.missingProperty) {
    return `${join(path, params.missingProperty)}: is required`;
  }
  if (issue.keyword === 'additionalProperties' && params.additionalProperty) {
    return `${join(path, params.additionalProperty)}: is not a known field`;
  }
  return `${path === '' ? (context ?? 'body') : path}: ${issue.message ?? 'is invalid'}`;
}

function join(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}
