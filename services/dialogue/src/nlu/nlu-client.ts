/**
 * The dialogue service's gRPC client of the NLU service. It trains the bot's definition once at start-up, then
 * predicts against that exact version, so another process training under the same model name cannot change this
 * bot's answers — or, given an alias to follow, points the alias at that version if the alias does not exist yet
 * and predicts by the alias, so an operator moving the alias hot-swaps the model of every replica. Every NLU
 * replica behind the configured addresses gets its own channel (nlu-endpoints.ts, re-resolved so replicas can come
 * and go). Predictions go over long-lived PredictStreams spread over all of them (prediction-streams.ts), each with
 * a deadline, the caller's request id and resends when a stream breaks; the other calls are unary, on a connected
 * replica, with a deadline, GetModel retried on UNAVAILABLE by the channel's service config. Failures become
 * ParleyError NLU_UNAVAILABLE (SERVICE_STARTING until the model is ready), but a text the NLU refused keeps the
 * NLU's code and field (a 400).
 */
import * as grpc from '@grpc/grpc-js';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BotDefinition, GrpcStatus, type IntentClassifierPrediction, ParleyError, type TrainProgressEvent } from '@parley/domain';
import type { PredictOptions, Predictor } from '@parley/bot';
import {
  definitionToWire,
  type GrpcFailure,
  loadNluPackage,
  nluClientOptions,
  parleyErrorFromGrpc,
  predictionFromWire,
  statusOfStreamError,
  trainProgressFromWire,
  type nluV1,
  NLU_SERVICE,
} from '@parley/proto';
import { fromWireTrainResult, type TrainSummary } from './nlu-wire';
import { NluEndpoints, type NluEndpoint } from './nlu-endpoints';
import { failure, PredictionStreams } from './prediction-streams';

export interface NluClientOptions {
  /** host:port of each NLU replica, or names standing for several (see resolve-nlu-targets.ts). */
  addresses: readonly string[];
  /** How often names among the addresses are looked up again (0 = once); default 5 s. */
  resolveIntervalMs?: number;
  deadlineMs: number;
  /** Bounds waiting for the NLU to come up plus training. */
  trainTimeoutMs: number;
  /** Ranking entries asked for per prediction (0 = all): a bot rarely needs more than the best few. */
  rankingLimit?: number;
  /** Predict by this alias (e.g. `production`) instead of the trained version; unset: the pinned version. */
  modelAlias?: string;
  /** Sent on every call (`authorization: Bearer <key>`) to an NLU service that requires API keys. */
  apiKey?: string;
}

/** Where the NLU's training of the bot stands: waiting for a training slot, or training (with its epoch progress). */
export interface TrainingUpdate {
  /** Queued: the NLU's training slots are busy and this training waits, `queuePosition`-th in line. */
  state: 'queued' | 'training';
  queuePosition: number;
  /** Once an epoch has run. */
  progress?: TrainProgressEvent;
}

const RETRY_WAIT_MS = 250;
/** How long to wait before asking again when the NLU's training queue is full. */
const QUEUE_FULL_WAIT_MS = 2_000;
/**
 * The alias a training asks for when the dialogue follows an alias: naming any alias keeps the NLU from moving its
 * default one (`production`), and `latest` is moved to every new version anyway.
 */
const TRAIN_ALIASES_WHEN_FOLLOWING = ['latest'];

const DEFAULT_RESOLVE_INTERVAL_MS = 5_000;
const MAX_RECONNECT_BACKOFF_MS = 5_000;

/** Each channel reaches one replica; GetModel (the /ready probe) is retried there when the connection fails. */
const SERVICE_CONFIG = {
  methodConfig: [
    {
      name: [{ service: NLU_SERVICE, method: 'GetModel' }],
      retryPolicy: {
        maxAttempts: 3,
        initialBackoff: '0.02s',
        maxBackoff: '0.2s',
        backoffMultiplier: 2,
        retryableStatusCodes: ['UNAVAILABLE'],
      },
    },
  ],
};

export class NluClient implements Predictor {
  /** Predictions go over long-lived PredictStreams: far cheaper per call than unary Predict. */
  private readonly predictions: PredictionStreams;
  /** `ref`: what Predict names — the trained version, or the alias followed. */
  private model: { id: string; version: string; ref: string } | undefined;

  private constructor(
    private readonly endpoints: NluEndpoints,
    private readonly options: NluClientOptions,
  ) {
    this.predictions = new PredictionStreams(endpoints, options.deadlineMs);
  }

  /** Resolves the addresses into one channel per NLU replica (and keeps following them). */
  static async connect(options: NluClientOptions): Promise<NluClient> {
    const Client = loadNluPackage().grpcObject.parley.nlu.v1.Nlu;
    const channelOptions = {
      'grpc.service_config': JSON.stringify(SERVICE_CONFIG),
      'grpc.enable_retries': 1,
      'grpc.keepalive_time_ms': 30_000,
      // A replica that comes back (restarted, or the NLU starting after the dialogue) is retried within 5 s, not
      // after grpc's default back-off of up to 2 minutes.
      'grpc.max_reconnect_backoff_ms': MAX_RECONNECT_BACKOFF_MS,
      ...nluClientOptions(options.apiKey),
    };
    const endpoints = new NluEndpoints(
      options.addresses,
      (target) => new Client(target, grpc.credentials.createInsecure(), channelOptions),
      options.resolveIntervalMs ?? DEFAULT_RESOLVE_INTERVAL_MS,
    );
    await endpoints.start();
    return new NluClient(endpoints, options);
  }

  /** The model and the version `train` produced, once it has succeeded. */
  get trainedModel(): { id: string; version: string } | undefined {
    return this.model && { id: this.model.id, version: this.model.version };
  }

  /**
   * Sends the definition to Train and waits for DONE; an identical definition is reused by the NLU at once. Waits,
   * within `trainTimeoutMs`, for the NLU to come up (it may start after us), for a training slot (the training then
   * waits QUEUED on the NLU), and for room in a full training queue (asking again every few seconds).
   */
  async train(definition: BotDefinition, onUpdate?: (update: TrainingUpdate) => void): Promise<TrainSummary> {
    const deadline = Date.now() + this.options.trainTimeoutMs;
    for (;;) {
      if (Date.now() >= deadline) throw this.trainTimeout(definition);
      try {
        const summary = await this.trainOnce(definition, deadline, onUpdate);
        const id = summary.modelId || definition.name;
        const alias = this.options.modelAlias;
        if (alias !== undefined) await this.adoptAlias(id, alias, summary.version);
        this.model = { id, version: summary.version, ref: alias ?? summary.version };
        return summary;
      } catch (error) {
        const wait = retryWait(error);
        if (wait === undefined) throw error;
        if (Date.now() + wait >= deadline) throw this.trainTimeout(definition, error);
        await sleep(wait);
      }
    }
  }

  private trainTimeout(definition: BotDefinition, cause?: unknown): ParleyError {
    const ms = this.options.trainTimeoutMs;
    return new ParleyError('NLU_UNAVAILABLE', `the NLU did not train ${definition.name} within ${ms} ms (PARLEY_NLU_TRAIN_TIMEOUT_MS)`, {
      cause,
    });
  }

  async predict(text: string, scope: string, options?: PredictOptions): Promise<IntentClassifierPrediction> {
    const model = this.requireModel();
    const request = { model: model.id, ref: model.ref, text, scope, rankingLimit: this.options.rankingLimit ?? 0 };
    let answer: nluV1.PredictStreamResponse__Output;
    try {
      answer = await this.predictions.request(request, options?.requestId);
    } catch (error) {
      throw nluFailure('PredictStream', error as grpc.ServiceError);
    }
    if (answer.prediction) return predictionFromWire(answer.prediction);
    throw nluFailure(
      'PredictStream',
      answer.error ? statusOfStreamError(answer.error) : failure(grpc.status.INTERNAL, 'no prediction in the answer'),
    );
  }

  /** Resolves when the NLU answers and still holds what Predict names: the trained version, or the alias (for /ready). */
  async ping(): Promise<void> {
    const model = this.requireModel();
    const response = await this.getModel(model.id);
    if (this.options.modelAlias !== undefined) {
      if (response.aliases[model.ref] === undefined) {
        throw new ParleyError('NLU_UNAVAILABLE', `the NLU service has no alias ${model.ref} of model ${model.id}`);
      }
    } else if (!response.versions.some((entry) => entry.version === model.version)) {
      throw new ParleyError('NLU_UNAVAILABLE', `the NLU service no longer holds model ${model.id} version ${model.version}`);
    }
  }

  close(): void {
    this.predictions.close();
    this.endpoints.close();
  }

  /**
   * Points `alias` at the version just trained when the alias does not exist yet (the first replica to start);
   * otherwise leaves it where an operator (or an earlier replica) put it. Replicas starting together with one
   * definition may both set it, to the same version.
   */
  private async adoptAlias(modelId: string, alias: string, version: string): Promise<void> {
    const model = await this.getModel(modelId);
    if (model.aliases[alias] !== undefined) return;
    const endpoint = this.endpoint('SetAlias');
    await new Promise<void>((resolve, reject) => {
      endpoint.client.SetAlias({ model: modelId, alias, version }, this.callOptions(), (error) => {
        if (error) reject(nluFailure('SetAlias', error));
        else resolve();
      });
    });
  }

  private async getModel(modelId: string): Promise<nluV1.Model__Output> {
    const endpoint = this.endpoint('GetModel');
    return new Promise((resolve, reject) => {
      endpoint.client.GetModel({ model: modelId }, this.callOptions(), (error, response) => {
        if (error || !response) reject(nluFailure('GetModel', error));
        else resolve(response);
      });
    });
  }

  /** Waits (within the deadline) for a replica to be connected: the NLU may start after the dialogue. */
  private async trainOnce(definition: BotDefinition, deadline: number, onUpdate?: (update: TrainingUpdate) => void): Promise<TrainSummary> {
    let endpoint: NluEndpoint;
    try {
      endpoint = await this.endpoints.ready(deadline);
    } catch (error) {
      throw nluFailure('Train', failure(grpc.status.UNAVAILABLE, (error as Error).message));
    }
    return new Promise((resolve, reject) => {
      let summary: TrainSummary | undefined;
      let failure: ParleyError | undefined;
      const aliases = this.options.modelAlias === undefined ? [] : TRAIN_ALIASES_WHEN_FOLLOWING;
      const call = endpoint.client.Train({ definition: definitionToWire(definition), aliases }, { deadline });
      call.on('data', (progress: nluV1.TrainProgress__Output) => {
        if (progress.state === 'JOB_STATE_DONE' && progress.result) summary = fromWireTrainResult(progress.result);
        else if (progress.state === 'JOB_STATE_FAILED' || progress.state === 'JOB_STATE_CANCELED') {
          failure = new ParleyError('INVALID_DEFINITION', `training ${definition.name} ended ${progress.state}: ${progress.error}`);
        } else {
          const progressed = trainProgressFromWire(progress);
          onUpdate?.({
            state: progress.state === 'JOB_STATE_QUEUED' ? 'queued' : 'training',
            queuePosition: progress.queuePosition,
            ...(progressed ? { progress: progressed } : {}),
          });
        }
      });
      call.on('error', (error: grpc.ServiceError) =>
        reject(error.code === grpc.status.DEADLINE_EXCEEDED ? this.trainTimeout(definition, error) : trainFailure(definition, error)),
      );
      call.on('end', () => {
        if (failure) reject(failure);
        else if (summary) resolve(summary);
        else reject(new ParleyError('NLU_UNAVAILABLE', `the NLU ended training ${definition.name} without a result`));
      });
    });
  }

  private requireModel(): { id: string; version: string; ref: string } {
    // Not an NLU outage: the service has just started and its bot's model is still being trained or awaited.
    if (!this.model) throw new ParleyError('SERVICE_STARTING', "the service is starting: the bot's model is not ready yet");
    return this.model;
  }

  /** A connected replica in turn (or any, to fail fast with its status), for a unary call. */
  private endpoint(method: string): NluEndpoint {
    const endpoint = this.endpoints.pick();
    if (!endpoint) throw nluFailure(method, failure(grpc.status.UNAVAILABLE, this.endpoints.unreachable()));
    return endpoint;
  }

  private callOptions(): grpc.CallOptions {
    return { deadline: Date.now() + this.options.deadlineMs };
  }
}

/**
 * How long to wait before training again after `error`, or undefined when it is final: the NLU unreachable (it may
 * be starting), or its training queue full (a slot frees when a training ends).
 */
function retryWait(error: unknown): number | undefined {
  // nluFailure and trainFailure keep the gRPC failure as the cause.
  const cause = error instanceof ParleyError ? error.cause : undefined;
  if (!(cause instanceof Error) || typeof (cause as Partial<grpc.ServiceError>).code !== 'number') return undefined;
  const failure = cause as grpc.ServiceError;
  if (failure.code === grpc.status.UNAVAILABLE) return RETRY_WAIT_MS;
  if (parleyErrorFromGrpc(failure, 'Train').code === 'TRAINING_QUEUE_FULL') return QUEUE_FULL_WAIT_MS;
  return undefined;
}

/**
 * The user's text refused by the NLU (empty, too long) is the user's fault: a 400 with the NLU's code and field.
 * Anything else means the NLU cannot serve this bot (a 503): a missing model or scope is the bot's and the NLU's
 * disagreement, not the user's.
 */
function nluFailure(method: string, failure: GrpcFailure | null): ParleyError {
  if (!failure) return new ParleyError('NLU_UNAVAILABLE', `the NLU service is unavailable (${method}: no response)`);
  const error = parleyErrorFromGrpc(failure, method);
  if (error.field === 'text' && error.spec.http === 400) return error;
  // The NLU's own message stays in the log (the cause): an API client learns the code, not the NLU's addresses.
  const what = error.code === 'NLU_UNAVAILABLE' ? grpc.status[failure.code] : error.code;
  return new ParleyError('NLU_UNAVAILABLE', `the NLU service is unavailable (${method}: ${what})`, { cause: failure });
}

/** A definition the NLU refused is the bot's fault, named by the NLU's field; anything else is nluFailure's. */
function trainFailure(definition: BotDefinition, failure: grpc.ServiceError): ParleyError {
  const error = parleyErrorFromGrpc(failure, 'Train');
  if (error.spec.grpc !== GrpcStatus.INVALID_ARGUMENT) return nluFailure('Train', failure);
  return new ParleyError('INVALID_DEFINITION', `the NLU refused bot ${definition.name}: ${error.message}`, {
    ...(error.field === undefined ? {} : { field: error.field }),
    cause: failure,
  });
}
