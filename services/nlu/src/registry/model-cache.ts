/**
 * The models held in memory, least recently used first out, so that many models fit under one memory cap (an
 * lru-cache bounded by bytes). Predictions are synchronous, so a model evicted here is never in the middle of one.
 */
import { ParleyError } from '@parley/domain';
import type { ClassifierEngine, NluModel } from '@parley/nlu';
import { LRUCache } from 'lru-cache';

export interface CachedModelEvents {
  /** A model entered (bytes > 0) or left (bytes = 0) memory. */
  onResident?: (modelId: string, version: string, bytes: number) => void;
}

interface Entry {
  modelId: string;
  version: string;
  model: NluModel;
}

const keyOf = (modelId: string, version: string): string => `${modelId}\u0000${version}`;

export class ModelCache {
  private readonly models: LRUCache<string, Entry>;
  private readonly loading = new Map<string, Promise<NluModel>>();

  constructor(
    readonly capBytes: number,
    private readonly events: CachedModelEvents = {},
  ) {
    this.models = new LRUCache<string, Entry>({
      maxSize: Math.max(1, Math.floor(capBytes)),
      sizeCalculation: (entry) => Math.max(1, Math.ceil(entry.model.sizeBytes)),
      // Evicted to make room, or deleted (evict, clear); put never replaces an entry.
      dispose: (entry) => this.events.onResident?.(entry.modelId, entry.version, 0),
    });
  }

  get residentBytes(): number {
    return this.models.calculatedSize;
  }

  has(modelId: string, version: string): boolean {
    return this.models.has(keyOf(modelId, version));
  }

  /** Where a model in memory runs its classifier (undefined when it is not in memory); not a use of it. */
  engineOf(modelId: string, version: string): ClassifierEngine | undefined {
    return this.models.peek(keyOf(modelId, version))?.model.engine;
  }

  /** The versions of a model in memory, least recently used first. */
  residentVersions(modelId: string): string[] {
    return this.entriesOf(modelId).map((entry) => entry.version);
  }

  /** The bytes a model's versions in memory hold together. */
  residentBytesOf(modelId: string): number {
    return this.entriesOf(modelId).reduce((bytes, entry) => bytes + entry.model.sizeBytes, 0);
  }

  /** Least recently used first. */
  private entriesOf(modelId: string): Entry[] {
    return [...this.models.rvalues()].filter((entry): entry is Entry => entry?.modelId === modelId);
  }

  /** The model if it is in memory, marked as just used. Synchronous: the Predict hot path. */
  peek(modelId: string, version: string): NluModel | undefined {
    return this.models.get(keyOf(modelId, version))?.model;
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
    const resident = this.peek(modelId, version);
    if (resident) return resident;
    this.assertFits(modelId, version, model.sizeBytes);
    this.models.set(keyOf(modelId, version), { modelId, version, model });
    this.events.onResident?.(modelId, version, model.sizeBytes);
    return model;
  }

  /** Drops every version of a model, or one version. */
  evict(modelId: string, version?: string): void {
    for (const [key, entry] of [...this.models.entries()]) {
      if (entry.modelId === modelId && (version === undefined || entry.version === version)) this.models.delete(key);
    }
  }

  clear(): void {
    this.models.clear();
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
}
