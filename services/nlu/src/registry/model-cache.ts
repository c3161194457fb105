/**
 * The models held in memory, least recently used first out, so that many models fit under one memory cap.
 * Predictions are synchronous, so a model evicted (and disposed) here is never in the middle of one.
 */
import { ParleyError } from '@parley/domain';
import type { ClassifierEngine, NluModel } from '@parley/nlu';

export interface CachedModelEvents {
  /** A model entered (bytes > 0) or left (bytes = 0) memory. */
  onResident?: (modelId: string, version: string, bytes: number) => void;
}

const keyOf = (modelId: string, version: string): string => `${modelId}\u0000${version}`;

export class ModelCache {
  /** Map order is recency order: the first entry is the least recently used. */
  private readonly models = new Map<string, { modelId: string; version: string; model: NluModel }>();
  private readonly loading = new Map<string, Promise<NluModel>>();
  private usedBytes = 0;

  constructor(
    readonly capBytes: number,
    private readonly events: CachedModelEvents = {},
  ) {}

  get residentBytes(): number {
    return this.usedBytes;
  }

  has(modelId: string, version: string): boolean {
    return this.models.has(keyOf(modelId, version));
  }

  /** Where a model in memory runs its classifier (undefined when it is not in memory); not a use of it. */
  engineOf(modelId: string, version: string): ClassifierEngine | undefined {
    return this.models.get(keyOf(modelId, version))?.model.engine;
  }

  /** The versions of a model in memory, least recently used first. */
  residentVersions(modelId: string): string[] {
    return this.entriesOf(modelId).map((entry) => entry.version);
  }

  /** The bytes a model's versions in memory hold together. */
  residentBytesOf(modelId: string): number {
    return this.entriesOf(modelId).reduce((bytes, entry) => bytes + entry.model.sizeBytes, 0);
  }

  private entriesOf(modelId: string): { version: string; model: NluModel }[] {
    return [...this.models.values()].filter((entry) => entry.modelId === modelId);
  }

  /** The model if it is in memory, marked as just used. Synchronous: the Predict hot path. */
  peek(modelId: string, version: string): NluModel | undefined {
    const key = keyOf(modelId, version);
    const entry = this.models.get(key);
    if (!entry) return undefined;
    this.models.delete(key);
    this.models.set(key, entry);
    return entry.model;
  }

  /** The model, loading it (once, however many callers wait) when it is not in memory. */
  async acquire(modelId: string, version: string, sizeBytes: number, load: () => Promise<NluModel>): Promise<NluModel> {
    const resident = this.peek(modelId, version);
    if (resident) return resident;
    this.assertFits(modelId, version, sizeBytes);
    const key = keyOf(modelId, version);
    let pending = this.loading.get(key);
    if (!pending) {
      pending = load()
        .then((model) => this.put(modelId, version, model))
        .finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /** Adds a model (e.g. one just trained), evicting the least recently used ones to make room. */
  put(modelId: string, version: string, model: NluModel): NluModel {
    const key = keyOf(modelId, version);
    const existing = this.models.get(key);
    if (existing) {
      if (existing.model !== model) model.dispose();
      return this.peek(modelId, version) ?? existing.model;
    }
    try {
      this.assertFits(modelId, version, model.sizeBytes);
    } catch (error) {
      model.dispose();
      throw error;
    }
    this.evictUntil(this.capBytes - model.sizeBytes);
    this.models.set(key, { modelId, version, model });
    this.usedBytes += model.sizeBytes;
    this.events.onResident?.(modelId, version, model.sizeBytes);
    return model;
  }

  /** Drops every version of a model, or one version. */
  evict(modelId: string, version?: string): void {
    for (const [key, entry] of this.models) {
      if (entry.modelId === modelId && (version === undefined || entry.version === version)) this.remove(key);
    }
  }

  clear(): void {
    for (const key of [...this.models.keys()]) this.remove(key);
  }

  private assertFits(modelId: string, version: string, sizeBytes: number): void {
    if (sizeBytes > this.capBytes) {
      const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
      throw new ParleyError(
        'MODEL_TOO_LARGE',
        `model "${modelId}" version ${version} needs ${mb(sizeBytes)} MB, more than loaded models may take together (${mb(this.capBytes)} MB: what PARLEY_MODEL_MEMORY_MB leaves for them)`,
        { field: 'model' },
      );
    }
  }

  private evictUntil(targetBytes: number): void {
    for (const key of this.models.keys()) {
      if (this.usedBytes <= targetBytes) return;
      this.remove(key);
    }
  }

  private remove(key: string): void {
    const entry = this.models.get(key);
    if (!entry) return;
    this.models.delete(key);
    this.usedBytes -= entry.model.sizeBytes;
    entry.model.dispose();
    this.events.onResident?.(entry.modelId, entry.version, 0);
  }
}
