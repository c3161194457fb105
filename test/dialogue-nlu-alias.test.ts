/**
 * The dialogue's NLU client following an alias (PARLEY_NLU_MODEL_ALIAS) against a real NLU server: the first
 * client to start points the alias at the version it trained; later ones leave it where it is; an operator who
 * trains a new version and moves the alias changes every client's answers with no restart; /ready's probe fails
 * once the alias is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weatherBot } from '@parley/examples';
import { NluClient } from '../services/dialogue/src/nlu/nlu-client';
import { NluOperator } from '@parley/testkit/services/nlu-operator';
import { startNluTestServer, type NluTestServer } from '@parley/testkit/services/nlu-test-server';

const definition = weatherBot.definition();
const reseeded = { ...definition, config: { ...definition.config, seed: definition.config.seed + 1 } };
const MODEL = definition.name;

describe('NluClient following an alias', () => {
  let server: NluTestServer;
  let operator: NluOperator;
  const clients: NluClient[] = [];
  const connect = async (): Promise<NluClient> => {
    const client = await NluClient.connect({
      addresses: [server.address],
      deadlineMs: 2_000,
      trainTimeoutMs: 60_000,
      modelAlias: 'production',
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startNluTestServer();
    operator = new NluOperator(server.address);
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    operator?.close();
    await server?.close();
  });

  it('points a missing alias at the trained version, leaves an existing one alone, and follows it when it moves', async () => {
    const first = await connect();
    const trained = await first.train(definition);
    expect((await operator.getModel(MODEL)).aliases).toMatchObject({ production: trained.version });
    expect((await first.predict('weather in BCN', 's0')).modelVersion).toBe(trained.version);

    // An operator trains another version without touching production: nothing changes for the client.
    const next = await operator.train(reseeded, ['staging']);
    expect(next).not.toBe(trained.version);
    expect((await first.predict('weather in BCN', 's0')).modelVersion).toBe(trained.version);

    // Moving the alias hot-swaps the running client.
    await operator.setAlias(MODEL, 'production', next);
    expect((await first.predict('weather in BCN', 's0')).modelVersion).toBe(next);
    expect(first.trainedModel).toEqual({ id: MODEL, version: trained.version });

    // A replica starting now trains (reuses) its definition and leaves the moved alias where it is.
    const second = await connect();
    expect((await second.train(definition)).version).toBe(trained.version);
    expect((await operator.getModel(MODEL)).aliases['production']).toBe(next);
    expect((await second.predict('weather in barna', 's0')).modelVersion).toBe(next);
    await second.ping();
  });

  it('is not ready once the alias is gone', async () => {
    const client = await connect();
    await client.train(definition);
    await client.ping();
    const target = (await operator.getModel(MODEL)).aliases['production'] ?? '';
    expect(await operator.deleteVersion(MODEL, target)).toBe(true);
    await expect(client.ping()).rejects.toMatchObject({ code: 'NLU_UNAVAILABLE', message: expect.stringContaining('no alias production') });
  });
});
