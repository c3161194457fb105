/**
 * The NLU service's use cases, independent of gRPC: predict (single, batch), evaluate, train jobs, and model
 * management. Validates every input and throws ParleyError with the offending field named.
 */
import { ALL_INTENTS_SCOPE, ParleyError, type IntentClassifierPrediction } from '@parley/domain';
import {
  evaluateModel,
  getLanguage,
  loadModel,
  NO_ENCODER,
  parseDefinition,
  type LabeledExample,
  type ModelEvaluation,
  type NluModel,
  type SentenceEncoder,
} from '@parley/nlu';
import type { Logger } from 'pino';
import type { TrainingJobs } from '../jobs/training-jobs';
import type { TrainingJob } from '../jobs/training-job';
import type { NluMetrics } from '../metrics/nlu-metrics';
import type { ModelCache } from '../registry/model-cache';
import { DEFAULT_ALIAS, LATEST_ALIAS, type ModelRegistry } from '../registry/model-registry';
import type { ModelView } from './model-view';
import { checkText, requireAlias, requireId, requireName } from './check-input';
import { checkDefinitionSize, checkTrainingLimits, type TrainingLimits } from './training-limits';

export interface NluServiceLimits {
  maxTextLength: number;
  maxBatch: number;
  maxEvaluateExamples: number;
  trainingLimits: TrainingLimits;
}

export interface NluServiceDeps {
  registry: ModelRegistry;
  cache: ModelCache;
  jobs: TrainingJobs;
  limits: NluServiceLimits;
  /** Serve loaded versions with the classifier kernels (PARLEY_NLU_KERNELS). */
  kernels: boolean;
  metrics: NluMetrics;
  logger: Logger;
  /** The sentence encoder this process runs (its threads keep the event loop free); undefined: none. */
  encoder?: SentenceEncoder | undefined;
}

/** A model reference as the RPCs carry it: model id, alias or version (empty: production, then latest). */
export interface ModelRef {
  model: string;
  ref: string;
}

export class NluService {
  constructor(private readonly deps: NluServiceDeps) {}

  async predict(target: ModelRef, text: string, scope: string): Promise<IntentClassifierPrediction> {
    checkText(text, 'text', this.deps.limits.maxTextLength);
    const { model, modelId } = await this.model(target);
    const now = new Date();
    // No await at all for a model without the encoder: Predict's hot path stays one tick.
    const vectors = model.encoder === NO_ENCODER ? undefined : await this.vectorsFor(model, [text], now);
    return this.classify(model, modelId, text, scope, now, vectors?.[0]);
  }

  async predictBatch(target: ModelRef, texts: readonly string[], scope: string): Promise<IntentClassifierPrediction[]> {
    const { maxBatch, maxTextLength } = this.deps.limits;
    if (texts.length > maxBatch) {
      throw new ParleyError('RESOURCE_EXHAUSTED', `texts holds ${texts.length} texts, the limit is ${maxBatch}`, { field: 'texts' });
    }
    texts.forEach((text, index) => checkText(text, `texts[${index}]`, maxTextLength));
    const { model, modelId } = await this.model(target);
    const now = new Date();
    const vectors = model.encoder === NO_ENCODER ? undefined : await this.vectorsFor(model, texts, now);
    return texts.map((text, i) => this.classify(model, modelId, text, scope, now, vectors?.[i]));
  }

  /** Scores a served model on labelled examples (rows labelled `oosLabel` are out of scope). */
  async evaluate(
    target: ModelRef,
    examples: readonly LabeledExample[],
    options: { oosLabel: string; scope: string },
  ): Promise<ModelEvaluation> {
    if (examples.length === 0) throw new ParleyError('INVALID_ARGUMENT', 'examples is empty', { field: 'examples' });
    if (examples.length > this.deps.limits.maxEvaluateExamples) {
      throw new ParleyError(
        'RESOURCE_EXHAUSTED',
        `examples holds ${examples.length} rows, the limit is ${this.deps.limits.maxEvaluateExamples}`,
        { field: 'examples' },
      );
    }
    examples.forEach((example, index) => checkText(example.text, `examples[${index}].text`, this.deps.limits.maxTextLength));
    const { model } = await this.model(target);
    return evaluateModel(model, examples, {
      oosLabel: options.oosLabel === '' ? 'oos' : options.oosLabel,
      scope: options.scope === '' ? ALL_INTENTS_SCOPE : options.scope,
      ...(this.deps.encoder ? { encoder: this.deps.encoder } : {}),
    });
  }

  /** The encoder vectors of the texts, for a model that uses the encoder. */
  private async vectorsFor(model: NluModel, texts: readonly string[], now: Date): Promise<Float32Array[]> {
    const { encoder } = this.deps;
    if (encoder?.identity !== model.encoder) {
      throw new ParleyError(
        'ENCODER_UNAVAILABLE',
        `model ${model.version} uses the sentence encoder ${model.encoder}, which this NLU process does not run (${encoder?.identity ?? 'none'})`,
        { field: 'model' },
      );
    }
    const started = process.hrtime.bigint();
    const vectors = await encoder.encode(texts.map((text) => model.encoderText(text, now)));
    this.deps.metrics.observeEncoder(Number(process.hrtime.bigint() - started) / 1e9);
    return vectors;
  }

  private classify(
    model: NluModel,
    modelId: string,
    text: string,
    scope: string,
    now: Date,
    vector: Float32Array | undefined,
  ): IntentClassifierPrediction {
    const started = process.hrtime.bigint();
    const prediction = model.predict(text, scope === '' ? ALL_INTENTS_SCOPE : scope, now, vector);
    this.deps.metrics.observePrediction(modelId, prediction, Number(process.hrtime.bigint() - started) / 1e9);
    return prediction;
  }

  /** The served model for a reference: from memory on the hot path, else loaded from the registry. */
  async model(target: ModelRef): Promise<{ model: NluModel; modelId: string; version: string }> {
    const { registry, cache } = this.deps;
    const modelId = requireId(target.model, 'model');
    if (target.ref !== '') requireId(target.ref, 'ref');
    const version = registry.resolveCached(modelId, target.ref) ?? (await this.resolveOrThrow(modelId, target.ref));
    const resident = cache.peek(modelId, version);
    if (resident) return { model: resident, modelId, version };
    const info = await registry.versionInfo(modelId, version);
    if (!info) throw new ParleyError('MODEL_NOT_FOUND', `ref: model "${modelId}" has no version "${version}"`, { field: 'ref' });
    const model = await cache.acquire(modelId, version, info.sizeBytes, () => this.load(modelId, version));
    return { model, modelId, version };
  }

  /** Reads a version from the model store and loads it, timed into the model-load histogram. */
  private async load(modelId: string, version: string): Promise<NluModel> {
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const artifact = await this.deps.registry.readArtifact(modelId, version);
      if (!artifact) throw new ParleyError('MODEL_NOT_FOUND', `ref: model "${modelId}" version "${version}" was deleted`, { field: 'ref' });
      const model = loadModel(artifact, { kernels: this.deps.kernels });
      this.deps.metrics.observeModelLoad('ok', seconds());
      this.deps.logger.info({ modelId, version, engine: model.engine }, 'model loaded');
      return model;
    } catch (error) {
      this.deps.metrics.observeModelLoad('error', seconds());
      throw error;
    }
  }

  private async resolveOrThrow(modelId: string, ref: string): Promise<string> {
    const version = await this.deps.registry.resolve(modelId, ref);
    if (version) return version;
    const entry = await this.deps.registry.describe(modelId);
    if (entry && entry.versions.length > 0) {
      const wanted = ref === '' ? `alias "${DEFAULT_ALIAS}" or "${LATEST_ALIAS}"` : `alias or version "${ref}"`;
      throw new ParleyError('MODEL_NOT_FOUND', `ref: model "${modelId}" has no ${wanted}`, { field: 'ref' });
    }
    if ((await this.deps.jobs.active(modelId)).length > 0) {
      throw new ParleyError('MODEL_TRAINING', `model "${modelId}" is still training: no version is ready yet`, { field: 'model' });
    }
    throw new ParleyError('MODEL_NOT_FOUND', `model: no model "${modelId}"`, { field: 'model' });
  }

  async startTraining(definitionInput: unknown, aliases: readonly string[]): Promise<TrainingJob> {
    aliases.forEach((alias, index) => requireAlias(alias, `aliases[${index}]`));
    const limits = this.deps.limits.trainingLimits;
    checkDefinitionSize(definitionInput, limits);
    const definition = parseDefinition(definitionInput);
    // Refused here, not only when the trainer meets it: a job that can only fail, or costs more than allowed, never starts.
    getLanguage(definition.language);
    checkTrainingLimits(definition, limits);
    return this.deps.jobs.start(definition, aliases.length === 0 ? [DEFAULT_ALIAS] : aliases);
  }

  getJob(jobId: string): Promise<TrainingJob> {
    return this.deps.jobs.get(requireName(jobId, 'job_id'));
  }

  watchJob(jobId: string, onUpdate: (job: TrainingJob) => void, signal: AbortSignal): Promise<TrainingJob> {
    return this.deps.jobs.watch(requireName(jobId, 'job_id'), onUpdate, signal);
  }

  cancelJob(jobId: string): Promise<TrainingJob> {
    return this.deps.jobs.cancel(requireName(jobId, 'job_id'));
  }

  async getModel(modelId: string): Promise<ModelView> {
    const id = requireId(modelId, 'model');
    const [entry, activeJobs] = await Promise.all([this.deps.registry.describe(id), this.deps.jobs.active(id)]);
    if (!entry && activeJobs.length === 0) throw new ParleyError('MODEL_NOT_FOUND', `model: no model "${id}"`, { field: 'model' });
    const { cache } = this.deps;
    const versions = (entry?.versions ?? []).map((info) => {
      const engine = cache.engineOf(id, info.version);
      return { ...info, loaded: engine !== undefined, engine };
    });
    return { modelId: id, versions, aliases: entry?.aliases ?? {}, activeJobs };
  }

  async listModels(): Promise<ModelView[]> {
    const entries = await this.deps.registry.list();
    return Promise.all(entries.map((entry) => this.getModel(entry.modelId)));
  }

  /** Deletes a model, or one version of it. Refused while the model trains, so a job cannot resurrect it. */
  async deleteModel(modelId: string, version: string): Promise<boolean> {
    const id = requireId(modelId, 'model');
    if (version !== '') requireId(version, 'version');
    if ((await this.deps.jobs.active(id)).length > 0) {
      throw new ParleyError('MODEL_TRAINING', `model "${id}" is training; cancel its job before deleting it`, { field: 'model' });
    }
    const deleted = version === '' ? await this.deps.registry.deleteModel(id) : await this.deps.registry.deleteVersion(id, version);
    this.deps.cache.evict(id, version === '' ? undefined : version);
    if (!deleted) {
      const what = version === '' ? `model: no model "${id}"` : `version: model "${id}" has no version "${version}"`;
      throw new ParleyError('MODEL_NOT_FOUND', what, { field: version === '' ? 'model' : 'version' });
    }
    return true;
  }

  async setAlias(modelId: string, alias: string, version: string): Promise<ModelView> {
    const id = requireId(modelId, 'model');
    await this.deps.registry.setAlias(id, requireAlias(alias, 'alias'), requireId(version, 'version'));
    return this.getModel(id);
  }

  /** Loads the versions that aliases point at, model by model, while they fit under the memory cap. */
  async preload(): Promise<void> {
    for (const entry of await this.deps.registry.list()) {
      for (const version of new Set(Object.values(entry.aliases))) {
        const info = entry.versions.find((candidate) => candidate.version === version);
        if (!info || this.deps.cache.residentBytes + info.sizeBytes > this.deps.cache.capBytes) continue;
        try {
          await this.model({ model: entry.modelId, ref: version });
        } catch (error) {
          this.deps.logger.warn({ err: error, modelId: entry.modelId, version }, 'model not preloaded');
        }
      }
    }
  }
}
