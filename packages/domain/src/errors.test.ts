import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, GrpcStatus, ParleyError } from './errors';

const doc = readFileSync(join(__dirname, '../../../docs/errors.md'), 'utf8');
const documentedRows = new Map(
  [...doc.matchAll(/^\| `([A-Z_]+)` \| ([A-Z_]+) \| (\d{3}) \|/gm)].map((m) => [m[1], { grpc: m[2], http: Number(m[3]) }]),
);
const grpcName = (value: number): string | undefined => Object.entries(GrpcStatus).find(([, number]) => number === value)?.[0];

describe('error registry', () => {
  it.each(Object.entries(ERROR_CODES))('%s is documented in docs/errors.md with its statuses', (code, spec) => {
    expect(documentedRows.get(code)).toEqual({ grpc: grpcName(spec.grpc), http: spec.http });
  });

  it('documents no code that the registry lacks', () => {
    expect([...documentedRows.keys()].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('never maps an expected error to UNKNOWN', () => {
    for (const spec of Object.values(ERROR_CODES)) expect(spec.grpc).not.toBe(GrpcStatus.UNKNOWN);
  });

  it('carries the code and the offending field', () => {
    const error = new ParleyError('TEXT_EMPTY', 'text must not be empty', { field: 'text' });
    expect(error).toBeInstanceOf(Error);
    expect([error.code, error.field, error.spec.http]).toEqual(['TEXT_EMPTY', 'text', 400]);
  });
});
