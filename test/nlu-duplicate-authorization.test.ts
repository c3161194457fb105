/**
 * Two `authorization` metadata entries on one call, sent by a client that puts both on the wire (Python's grpcio;
 * grpc-js refuses to send such a call at all, with a local INTERNAL): the NLU answers UNAUTHENTICATED naming
 * `authorization`, whatever the keys and their order, instead of judging the first line alone as Node's HTTP/2
 * server would. One valid entry still passes.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServer, unreachableReason } from '@parley/testkit/session-store/server-gate';
import { startNlu, type NluUnderTest } from '@parley/testkit/reliability/nlu-under-test';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const KEY = 'duplicate-test-key-0123456789';
const WRONG = 'not-the-key-0123456789abcdef';

/** Calls ListModels with the given authorization values, one metadata entry each; prints "CODE details". */
const CLIENT = `
import sys, grpc
address, values = sys.argv[1], sys.argv[2:]
call = grpc.insecure_channel(address).unary_unary('/parley.nlu.v1.Nlu/ListModels',
    request_serializer=lambda b: b, response_deserializer=lambda b: b)
try:
    call(b'', metadata=[('authorization', 'Bearer ' + v) for v in values], timeout=10)
    print('OK')
except grpc.RpcError as error:
    print(error.code().name, error.details())
`;

const unavailable = await unreachableReason(() => run(PYTHON, ['-c', 'import grpc']));

describeWithServer('NLU: several authorization entries', `${PYTHON} with grpcio`, unavailable, () => {
  let nlu: NluUnderTest;
  beforeAll(async () => {
    nlu = await startNlu({ PARLEY_NLU_API_KEYS: KEY });
  });
  afterAll(() => nlu?.close());

  const call = async (...values: string[]): Promise<string> => (await run(PYTHON, ['-c', CLIENT, nlu.address, ...values])).stdout.trim();

  it('one valid key passes', async () => {
    expect(await call(KEY)).toBe('OK');
  });

  it.each([
    ['the valid key twice', [KEY, KEY]],
    ['the valid key, then a wrong one', [KEY, WRONG]],
    ['a wrong key, then the valid one', [WRONG, KEY]],
    ['three entries', [KEY, KEY, KEY]],
  ])('%s: UNAUTHENTICATED naming authorization and the count', async (_name, values) => {
    expect(await call(...values)).toBe(
      `UNAUTHENTICATED authorization: sent ${values.length} times; send exactly one "authorization: Bearer <key>"`,
    );
  });
});
