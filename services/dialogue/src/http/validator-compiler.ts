/**
 * JSON Schema validation of requests. Bodies are validated as sent: no type coercion (`"text": 5` is a 400, not
 * "5") and no silent removal of unknown fields (a typo is a 400 naming it). Path and query values are strings on
 * the wire, so they alone are coerced (`?limit=20` → 20).
 */
import Ajv, { type AnySchema } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

const strict = new Ajv({ coerceTypes: false, removeAdditional: false, useDefaults: true, allErrors: false, strict: false });
const coercing = new Ajv({ coerceTypes: true, removeAdditional: false, useDefaults: true, allErrors: false, strict: false });

export const validatorCompiler: FastifySchemaCompiler<AnySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema);
