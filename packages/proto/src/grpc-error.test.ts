/** grpc-error.ts over real gRPC: a server failing Predict as the NLU does, a port nobody listens on, PredictStream's error answer. */
import { credentials, Server, ServerCredentials, status, type ServiceError, type sendUnaryData } from '@grpc/grpc-js';
import { ParleyError } from '@parley/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMetadata, parleyErrorFromGrpc, statusOfStreamError, streamErrorOfStatus } from './grpc-error';
import { loadNluPackage } from './load-nlu-package';

const { grpcObject } = loadNluPackage();
type Client = InstanceType<typeof grpcObject.parley.nlu.v1.Nlu>;

/** The error a Predict call to `address` fails with, or the test fails. */
function predictFailure(client: Client): Promise<ServiceError> {
  return new Promise((resolve, reject) => {
    client.Predict({ model: 'm', text: 'hi' }, { deadline: Date.now() + 5_000 }, (error) =>
      error ? resolve(error) : reject(new Error('Predict succeeded')),
    );
  });
}

describe('parleyErrorFromGrpc', () => {
  const server = new Server();
  let client: Client;
  /** What the server's Predict fails with next. */
  let refusal: Parameters<sendUnaryData<unknown>>[0];

  beforeAll(async () => {
    server.addService(grpcObject.parley.nlu.v1.Nlu.service, {
      Predict: (_call: unknown, callback: sendUnaryData<unknown>) => callback(refusal),
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    client = new grpcObject.parley.nlu.v1.Nlu(`127.0.0.1:${port}`, credentials.createInsecure());
  });
  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  it('restores the registry code, message and field the server sent in trailing metadata', async () => {
    const sent = new ParleyError('TEXT_TOO_LONG', 'text has 9 characters, the limit is 5', { field: 'text' });
    refusal = { code: status.INVALID_ARGUMENT, details: sent.message, metadata: errorMetadata(sent) };
    const error = parleyErrorFromGrpc(await predictFailure(client), 'Predict');
    expect(error).toBeInstanceOf(ParleyError);
    expect(error).toMatchObject({ code: 'TEXT_TOO_LONG', message: sent.message, field: 'text' });
    expect(error.cause).toMatchObject({ code: status.INVALID_ARGUMENT });
  });

  it('reads a status without Parley metadata from the status alone', async () => {
    refusal = { code: status.RESOURCE_EXHAUSTED, details: 'too big' };
    expect(parleyErrorFromGrpc(await predictFailure(client), 'Predict')).toMatchObject({ code: 'RESOURCE_EXHAUSTED', field: undefined });
    refusal = { code: status.DATA_LOSS, details: 'lost' };
    expect(parleyErrorFromGrpc(await predictFailure(client), 'Predict')).toMatchObject({ code: 'INTERNAL', message: 'Predict: lost' });
  });

  it('names the call when the service did not answer', async () => {
    const nobody = new grpcObject.parley.nlu.v1.Nlu('127.0.0.1:1', credentials.createInsecure());
    try {
      const error = parleyErrorFromGrpc(await predictFailure(nobody), '127.0.0.1:1');
      expect(error.code).toBe('NLU_UNAVAILABLE');
      expect(error.message).toMatch(/^the NLU service did not answer \(127\.0\.0\.1:1: UNAVAILABLE: /);
    } finally {
      nobody.close();
    }
  });
});

describe('PredictStreamError', () => {
  it('carries the status, the registry code and the field, and reads back as the same ParleyError', () => {
    const sent = new ParleyError('SCOPE_NOT_FOUND', 'scope: no scope "s9"', { field: 'scope' });
    const wire = streamErrorOfStatus({ code: status.NOT_FOUND, details: sent.message, metadata: errorMetadata(sent) });
    expect(wire).toEqual({ code: status.NOT_FOUND, details: sent.message, errorCode: 'SCOPE_NOT_FOUND', field: 'scope' });
    const received = { code: status.NOT_FOUND, details: sent.message, errorCode: 'SCOPE_NOT_FOUND', field: 'scope' };
    expect(parleyErrorFromGrpc(statusOfStreamError(received), 'PredictStream')).toMatchObject({
      code: 'SCOPE_NOT_FOUND',
      message: sent.message,
      field: 'scope',
    });
    const withoutField = statusOfStreamError({ ...received, errorCode: 'MODEL_TRAINING', field: '' });
    expect(parleyErrorFromGrpc(withoutField, 'PredictStream')).toMatchObject({ code: 'MODEL_TRAINING', field: undefined });
  });
});
