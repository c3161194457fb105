/**
 * What an operator does to the NLU service over gRPC, for cross-service tests: train a definition into a version
 * (pointing the given aliases at it), move an alias, and ask one replica which version a reference serves.
 */
import * as grpc from '@grpc/grpc-js';
import type { BotDefinition } from '@parley/domain';
import { definitionToWire, loadNluPackage, type nluV1 } from '@parley/proto';

const DEADLINE_MS = 10_000;

export class NluOperator {
  private readonly client: nluV1.NluClient;

  constructor(readonly address: string) {
    const Client = loadNluPackage().grpcObject.parley.nlu.v1.Nlu;
    this.client = new Client(address, grpc.credentials.createInsecure());
  }

  /** Trains (or reuses) `definition` and resolves with its version; `aliases` move to it (none: the NLU's default). */
  train(definition: BotDefinition, aliases: string[], timeoutMs = 120_000): Promise<string> {
    return new Promise((resolve, reject) => {
      let version: string | undefined;
      let failure: string | undefined;
      const call = this.client.Train({ definition: definitionToWire(definition), aliases }, { deadline: Date.now() + timeoutMs });
      call.on('data', (progress: nluV1.TrainProgress__Output) => {
        if (progress.state === 'JOB_STATE_DONE' && progress.result) version = progress.result.version;
        if (progress.state === 'JOB_STATE_FAILED' || progress.state === 'JOB_STATE_CANCELED')
          failure = `${progress.state}: ${progress.error}`;
      });
      call.on('error', reject);
      call.on('end', () =>
        version === undefined ? reject(new Error(`training ended without a version (${failure ?? 'no result'})`)) : resolve(version),
      );
    });
  }

  setAlias(model: string, alias: string, version: string): Promise<nluV1.Model__Output> {
    return this.unary((callback) => this.client.SetAlias({ model, alias, version }, this.options(), callback));
  }

  async deleteVersion(model: string, version: string): Promise<boolean> {
    const response = await this.unary<nluV1.DeleteModelResponse__Output>((callback) =>
      this.client.DeleteModel({ model, version }, this.options(), callback),
    );
    return response.deleted;
  }

  getModel(model: string): Promise<nluV1.Model__Output> {
    return this.unary((callback) => this.client.GetModel({ model }, this.options(), callback));
  }

  /** The version this replica answers with for `ref` (an alias or a version). */
  async servedVersion(model: string, ref: string, text: string, scope: string): Promise<string> {
    const prediction = await this.unary<nluV1.IntentClassifierPrediction__Output>((callback) =>
      this.client.Predict({ model, ref, text, scope }, this.options(), callback),
    );
    return prediction.modelVersion;
  }

  close(): void {
    this.client.close();
  }

  private options(): grpc.CallOptions {
    return { deadline: Date.now() + DEADLINE_MS };
  }

  private unary<Res>(invoke: (callback: (error: grpc.ServiceError | null, response?: Res) => void) => unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
      invoke((error, response) => (error || response === undefined ? reject(error ?? new Error('no response')) : resolve(response)));
    });
  }
}
