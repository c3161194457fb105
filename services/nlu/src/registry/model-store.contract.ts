/**
 * What every model store keeps (directory-model-store.test.ts and postgres-model-store.test.ts run it, the
 * latter on the machine's real PostgreSQL): versions written once and read back byte for byte, whatever the artifact
 * holds; aliases that only ever point at a version that exists; deletions that take their aliases along; training
 * job records with a cancel flag that survives rewrites. Each case opens two handles on one storage, as two
 * replicas would. Then the same through the real NLU server: two servers on one store, one training and moving
 * aliases, the other serving, following and canceling.
 */
import { randomBytes } from 'node:crypto';
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import type { NluModelArtifact } from '@parley/nlu';
import { loadNluPackage, type nluV1 } from '@parley/proto';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { buildNluServer, type NluServer } from '../grpc/build-nlu-server';
import type { TrainingJob } from '../jobs/training-job';
import { GatedTrainer } from '@parley/testkit/nlu-service/gated-trainer';
import type { VersionInfo } from './model-store';
import type { OpenedModelStore } from './open-model-store';

export interface ModelStoreUnderTest {
  /** A new handle on the storage, as another replica opens it. */
  open(): OpenedModelStore;
  /** The variables that point an NLU server at the storage. */
  env: Record<string, string>;
  /** Removes the storage (folder or schema). */
  destroy(): Promise<void>;
}

function info(modelId: string, version: string, createdAt: string): VersionInfo {
  return {
    modelId,
    version,
    createdAt,
    trainSeconds: 1.5,
    sizeBytes: 7,
    scopes: ['*', 'start'],
    intents: 2,
    examples: 6,
    stats: [],
    warnings: ['w'],
  };
}

/** An artifact with what an artifact may hold: nested sections (an encoder's, say), odd text, and binary weights. */
function artifact(seed: string, weightBytes = 1024): NluModelArtifact {
  return {
    manifest: {
      seed,
      vocabulary: ['héllo', '你好', 'a\u0000b', 'emoji 🙂'],
      encoder: { name: 'some-encoder', dimensions: 384, layers: [{ kind: 'dense', shape: [384, 32] }], scale: 0.125 },
      empty: {},
      flag: false,
      nothing: null,
    },
    weights: new Uint8Array(randomBytes(weightBytes)),
  };
}

function job(id: string, state: TrainingJob['state'], updatedAt: string, modelId = 'bot'): TrainingJob {
  return { id, modelId, version: 'v1', state, createdAt: updatedAt, updatedAt, aliases: ['production'] };
}

export function describeModelStoreContract(name: string, setup: () => Promise<ModelStoreUnderTest>): void {
  describe(`${name}: the model store contract`, () => {
    let storage: ModelStoreUnderTest;
    let a: OpenedModelStore;
    let b: OpenedModelStore;

    beforeAll(async () => {
      storage = await setup();
    });
    afterAll(() => storage?.destroy());

    /** Each case on fresh handles; model ids unique per case, so cases never see each other's models. */
    let model = '';
    const handles: OpenedModelStore[] = [];
    const fresh = async (): Promise<OpenedModelStore> => {
      const opened = storage.open();
      handles.push(opened);
      await opened.models.init();
      await opened.jobs.init();
      return opened;
    };
    const setupCase = async (): Promise<void> => {
      model = `model_${randomBytes(4).toString('hex')}`;
      [a, b] = await Promise.all([fresh(), fresh()]);
    };
    afterEach(async () => {
      await Promise.all(handles.splice(0).map((opened) => opened.models.close()));
    });

    it('writes a version once and reads it back exactly, from another handle too; a second write keeps the first', async () => {
      await setupCase();
      const first = artifact('first', 3 * 1024 * 1024);
      expect(await a.models.writeVersion(info(model, 'v1', '2024-01-01T00:00:00.000Z'), first)).toBe(true);
      expect(await b.models.writeVersion(info(model, 'v1', '2024-02-01T00:00:00.000Z'), artifact('second'))).toBe(false);
      const read = await b.models.readArtifact(model, 'v1');
      expect(read?.manifest).toEqual(first.manifest);
      expect(Buffer.from(read?.weights ?? []).equals(Buffer.from(first.weights))).toBe(true);
      expect(await b.models.readVersionInfo(model, 'v1')).toEqual(info(model, 'v1', '2024-01-01T00:00:00.000Z'));
      expect(await b.models.hasVersion(model, 'v1')).toBe(true);
      expect(await b.models.hasVersion(model, 'v2')).toBe(false);
      expect(await b.models.readArtifact(model, 'v2')).toBeUndefined();
      expect(await b.models.readVersionInfo(model, 'v2')).toBeUndefined();
      expect(await b.models.listModelIds()).toContain(model);
    });

    it('lists versions oldest first, and one of two racing writers of a version wins', async () => {
      await setupCase();
      await a.models.writeVersion(info(model, 'v2', '2024-03-01T00:00:00.000Z'), artifact('v2'));
      await a.models.writeVersion(info(model, 'v1', '2024-01-01T00:00:00.000Z'), artifact('v1'));
      const racing = await Promise.all(
        [a, b, a, b].map((opened, n) => opened.models.writeVersion(info(model, 'v3', `2024-04-0${n + 1}T00:00:00.000Z`), artifact(`${n}`))),
      );
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect((await b.models.listVersions(model)).map((entry) => entry.version)).toEqual(['v1', 'v2', 'v3']);
      expect((await b.models.listVersionNames(model)).sort()).toEqual(['v1', 'v2', 'v3']);
    });

    it('points aliases only at versions that exist, moves and removes them, seen from the other handle', async () => {
      await setupCase();
      await a.models.writeVersion(info(model, 'v1', '2024-01-01T00:00:00.000Z'), artifact('v1'));
      await a.models.writeVersion(info(model, 'v2', '2024-01-02T00:00:00.000Z'), artifact('v2'));
      expect(await a.models.writeAlias(model, 'production', 'v-missing')).toBe(false);
      expect(await b.models.readAliases(model)).toEqual({});
      expect(await a.models.writeAlias(model, 'production', 'v1')).toBe(true);
      expect(await a.models.writeAlias(model, 'staging', 'v2')).toBe(true);
      expect(await b.models.writeAlias(model, 'production', 'v2')).toBe(true);
      expect(await a.models.readAliases(model)).toEqual({ production: 'v2', staging: 'v2' });
      await b.models.removeAlias(model, 'staging');
      expect(await a.models.readAliases(model)).toEqual({ production: 'v2' });
    });

    it('deletes a version with the aliases pointing at it, then the whole model', async () => {
      await setupCase();
      await a.models.writeVersion(info(model, 'v1', '2024-01-01T00:00:00.000Z'), artifact('v1'));
      await a.models.writeVersion(info(model, 'v2', '2024-01-02T00:00:00.000Z'), artifact('v2'));
      await a.models.writeAlias(model, 'production', 'v1');
      await a.models.writeAlias(model, 'latest', 'v2');
      expect(await b.models.deleteVersion(model, 'v1')).toBe(true);
      expect(await b.models.deleteVersion(model, 'v1')).toBe(false);
      expect(await a.models.readAliases(model)).toEqual({ latest: 'v2' });
      expect(await a.models.hasVersion(model, 'v1')).toBe(false);
      expect(await a.models.readArtifact(model, 'v1')).toBeUndefined();
      expect(await a.models.writeAlias(model, 'production', 'v1')).toBe(false);
      expect(await b.models.deleteModel(model)).toBe(true);
      expect(await b.models.deleteModel(model)).toBe(false);
      expect(await a.models.listModelIds()).not.toContain(model);
      expect(await a.models.readAliases(model)).toEqual({});
      expect(await a.models.listVersions(model)).toEqual([]);
    });

    it('keeps job records for every handle; a cancel request survives rewrites of the record until cleared', async () => {
      await setupCase();
      const id = `job-${randomBytes(4).toString('hex')}`;
      await a.jobs.write(job(id, 'queued', '2024-01-01T00:00:00.000Z', model));
      await a.jobs.write({
        ...job(id, 'training', '2024-01-01T00:00:01.000Z', model),
        progress: { scope: '*', epoch: 1, epochs: 4, loss: 0.5, accuracy: 0.75 },
      });
      expect(await b.jobs.read(id)).toMatchObject({ id, state: 'training', progress: { epoch: 1 } });
      expect((await b.jobs.list()).map((entry) => entry.id)).toContain(id);
      expect(await b.jobs.read('no-such-job')).toBeUndefined();
      expect(await b.jobs.read('../escape')).toBeUndefined();
      expect(await a.jobs.cancelRequested(id)).toBe(false);
      await b.jobs.requestCancel(id);
      await a.jobs.write(job(id, 'training', '2024-01-01T00:00:03.000Z', model));
      expect(await a.jobs.cancelRequested(id)).toBe(true);
      await a.jobs.clearCancel(id);
      expect(await b.jobs.cancelRequested(id)).toBe(false);
      await a.jobs.remove(id);
      expect(await b.jobs.read(id)).toBeUndefined();
    });

    it('prunes only the records of jobs that ended long enough ago', async () => {
      await setupCase();
      const tag = randomBytes(4).toString('hex');
      const now = Date.parse('2030-01-10T00:00:00.000Z');
      await a.jobs.write(job(`old-done-${tag}`, 'done', '2030-01-01T00:00:00.000Z'));
      await a.jobs.write(job(`old-running-${tag}`, 'training', '2030-01-01T00:00:00.000Z'));
      await a.jobs.write(job(`new-failed-${tag}`, 'failed', '2030-01-09T23:00:00.000Z'));
      expect(await b.jobs.pruneFinished(24 * 3600 * 1000, now)).toBeGreaterThanOrEqual(1);
      const left = (await a.jobs.list()).map((entry) => entry.id).filter((id) => id.endsWith(tag));
      expect(left.sort()).toEqual([`new-failed-${tag}`, `old-running-${tag}`]);
    });
  });

  describeReplicasOn(name, setup);
}

type NluClient = nluV1.NluClient;

/** Two real NLU servers on one store, as two replicas on different machines would share it. */
function describeReplicasOn(name: string, setup: () => Promise<ModelStoreUnderTest>): void {
  describe(`${name}: two NLU servers on one store`, () => {
    let storage: ModelStoreUnderTest;
    const trainer = new GatedTrainer();
    const servers: Array<{ server: NluServer; client: NluClient }> = [];

    beforeAll(async () => {
      storage = await setup();
      for (let n = 0; n < 2; n += 1) {
        const config = loadConfig({
          PARLEY_NLU_ENCODER: 'off',
          PARLEY_LOG_LEVEL: 'silent',
          PARLEY_SHUTDOWN_GRACE_MS: '1000',
          PARLEY_REGISTRY_REFRESH_MS: '100',
          ...storage.env,
        });
        const server = await buildNluServer(config, { logger: pino({ level: 'silent' }), trainer });
        const { port } = await server.listen('127.0.0.1', 0);
        await server.ready;
        const Client = loadNluPackage().grpcObject.parley.nlu.v1.Nlu;
        servers.push({ server, client: new Client(`127.0.0.1:${port}`, credentials.createInsecure()) });
      }
    }, 60_000);
    afterAll(async () => {
      trainer.open();
      for (const { server, client } of servers) {
        client.close();
        await server.close();
      }
      await storage?.destroy();
    });

    const clientOf = (n: number): NluClient => {
      const found = servers[n];
      if (!found) throw new Error(`no server ${n}`);
      return found.client;
    };
    function unary<Res>(
      invoke: (options: { deadline: Date }, callback: (error: ServiceError | null, response?: Res) => void) => unknown,
    ): Promise<Res> {
      return new Promise((resolve, reject) =>
        invoke({ deadline: new Date(Date.now() + 30_000) }, (error, response) => (error ? reject(error) : resolve(response as Res))),
      );
    }
    const definition = (model: string, extra: string[] = []): nluV1.BotDefinition => ({
      name: model,
      intents: [
        { name: 'greet', trainingSentences: ['hello', 'hi there', 'good morning', ...extra] },
        { name: 'bye', trainingSentences: ['bye', 'see you later', 'good night'] },
      ],
    });
    const predictVersion = async (n: number, model: string, ref = ''): Promise<string> =>
      (
        await unary<nluV1.IntentClassifierPrediction__Output>((options, callback) =>
          clientOf(n).Predict({ model, ref, text: 'hello' }, options, callback),
        )
      ).modelVersion;
    async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
      const deadline = Date.now() + 10_000;
      while (!(await check().catch(() => false))) {
        if (Date.now() > deadline) throw new Error(`${what}: not within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    it('a version trained on one server is served by the other; an alias moved on either is followed by both; a deletion reaches both', async () => {
      trainer.open();
      const model = `shared_${randomBytes(3).toString('hex')}`;
      const v1 = await unary<nluV1.TrainingJob__Output>((options, callback) =>
        clientOf(0).StartTraining({ definition: definition(model) }, options, callback),
      );
      await eventually(async () => (await predictVersion(1, model)) === v1.version, 'server 1 serves v1');
      const v2 = await unary<nluV1.TrainingJob__Output>((options, callback) =>
        clientOf(1).StartTraining({ definition: definition(model, ['hey']), aliases: ['staging'] }, options, callback),
      );
      await eventually(async () => (await predictVersion(0, model, 'staging')) === v2.version, 'server 0 serves v2 as staging');
      expect(await predictVersion(0, model)).toBe(v1.version);
      await unary((options, callback) => clientOf(0).SetAlias({ model, alias: 'production', version: v2.version }, options, callback));
      await eventually(async () => (await predictVersion(1, model)) === v2.version, 'server 1 follows production to v2');
      await unary((options, callback) => clientOf(1).DeleteModel({ model }, options, callback));
      await eventually(async () => {
        const error = await predictVersion(0, model).then(
          () => undefined,
          (reason: ServiceError) => reason,
        );
        return error?.code === status.NOT_FOUND;
      }, 'server 0 knows the model is gone');
    });

    it('a job running on one server is seen, watched and canceled from the other', async () => {
      const gated = new GatedTrainer();
      // A third server with a gate of its own, so this job stays running while the other server looks at it.
      const config = loadConfig({
        PARLEY_NLU_ENCODER: 'off',
        PARLEY_LOG_LEVEL: 'silent',
        PARLEY_SHUTDOWN_GRACE_MS: '1000',
        PARLEY_REGISTRY_REFRESH_MS: '100',
        ...storage.env,
      });
      const owner = await buildNluServer(config, { logger: pino({ level: 'silent' }), trainer: gated });
      const { port } = await owner.listen('127.0.0.1', 0);
      const Client = loadNluPackage().grpcObject.parley.nlu.v1.Nlu;
      const ownerClient = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
      try {
        const model = `job_${randomBytes(3).toString('hex')}`;
        const started = await unary<nluV1.TrainingJob__Output>((options, callback) =>
          ownerClient.StartTraining({ definition: definition(model) }, options, callback),
        );
        const seen = await unary<nluV1.TrainingJob__Output>((options, callback) =>
          clientOf(1).GetJob({ jobId: started.id }, options, callback),
        );
        expect(['JOB_STATE_PENDING', 'JOB_STATE_TRAINING']).toContain(seen.state);
        const predicting = await predictVersion(1, model).then(
          () => undefined,
          (reason: ServiceError) => reason,
        );
        expect(predicting?.code).toBe(status.FAILED_PRECONDITION);
        await unary((options, callback) => clientOf(1).CancelJob({ jobId: started.id }, options, callback));
        await eventually(
          async () =>
            (await unary<nluV1.TrainingJob__Output>((options, callback) => clientOf(1).GetJob({ jobId: started.id }, options, callback)))
              .state === 'JOB_STATE_CANCELED',
          'the owner canceled the job',
        );
      } finally {
        gated.open();
        ownerClient.close();
        await owner.close();
      }
    });
  });
}
