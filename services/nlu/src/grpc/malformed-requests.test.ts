/**
 * Malformed request bytes over real gRPC: a raw client (pass-through serializers) against a server on 127.0.0.1:0
 * gets INVALID_ARGUMENT naming the request, on a unary method, a server-streaming one and the health check,
 * where grpc-js alone answers INTERNAL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ERROR_FIELD_METADATA } from '@parley/proto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { InlineTrainer } from '../jobs/inline-trainer';
import { buildNluServer, type NluServer } from './build-nlu-server';

const same = (bytes: Buffer): Buffer => bytes;

describe('malformed request bytes', () => {
  let dir: string;
  let server: NluServer;
  let client: Client;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-nlu-malformed-'));
    server = await buildNluServer(loadConfig({ PARLEY_NLU_ENCODER: 'off', PARLEY_MODEL_DIR: dir, PARLEY_LOG_LEVEL: 'silent' }), {
      logger: pino({ level: 'silent' }),
      trainer: new InlineTrainer(),
    });
    const { address } = await server.listen('127.0.0.1', 0);
    await server.ready;
    client = new Client(address, credentials.createInsecure());
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  function unary(path: string, bytes: Buffer): Promise<ServiceError | null> {
    return new Promise((resolve) => {
      client.makeUnaryRequest(path, same, same, bytes, new Metadata(), { deadline: Date.now() + 10_000 }, (error) => resolve(error));
    });
  }

  function serverStream(path: string, bytes: Buffer): Promise<ServiceError | null> {
    return new Promise((resolve) => {
      const call = client.makeServerStreamRequest(path, same, same, bytes, new Metadata(), { deadline: Date.now() + 10_000 });
      call.on('data', () => undefined);
      call.on('error', (error: ServiceError) => resolve(error));
      call.on('end', () => resolve(null));
    });
  }

  it.each([
    ['Predict (unary)', '/parley.nlu.v1.Nlu/Predict', unary],
    ['Train (server stream)', '/parley.nlu.v1.Nlu/Train', serverStream],
    ['the health check', '/grpc.health.v1.Health/Check', unary],
  ])('%s: INVALID_ARGUMENT naming the request', async (_name, path, call) => {
    for (const bytes of [[0xff], [0x0a, 0x05, 0x61], [0x0f]]) {
      const error = await call(path, Buffer.from(bytes));
      expect(error && status[error.code]).toBe('INVALID_ARGUMENT');
      expect(error?.details).toMatch(/^request: /);
      expect(error?.metadata.get(ERROR_FIELD_METADATA)).toEqual(['request']);
    }
  });

  it('still answers well-formed requests', async () => {
    const error = await unary('/parley.nlu.v1.Nlu/ListModels', Buffer.alloc(0));
    expect(error).toBeNull();
  });
});
