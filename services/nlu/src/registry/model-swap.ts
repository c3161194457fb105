/**
 * Keeps the models in memory in step with the registry index, through its hooks: before aliases move, loads
 * their new targets when the model is in use here (some version of it is in memory), so no Predict after the
 * swap waits on a disk load while the old version answers until then; after a re-read, unloads versions that no
 * longer exist (deleted here or by another replica).
 */
import { loadModel } from '@parley/nlu';
import type { Logger } from 'pino';
import type { ModelCache } from './model-cache';
import type { ModelRegistryHooks } from './model-registry';
import type { ModelStore } from './model-store';

export class ModelSwap implements Pick<ModelRegistryHooks, 'beforeAliasesMove' | 'afterRefresh'> {
  constructor(
    private readonly store: ModelStore,
    private readonly cache: ModelCache,
    private readonly logger: Logger,
    /** Serve loaded versions with the classifier kernels (PARLEY_NLU_KERNELS). */
    private readonly kernels: boolean,
  ) {}

  /** Never throws: a version that cannot be loaded now is loaded by the first Predict, as without warming. */
  async beforeAliasesMove(modelId: string, versions: readonly string[]): Promise<void> {
    if (this.cache.residentVersions(modelId).length === 0) return;
    for (const version of versions) {
      if (this.cache.has(modelId, version)) continue;
      try {
        if (await this.load(modelId, version)) this.logger.info({ modelId, version }, 'new version loaded before its alias moves');
      } catch (error) {
        this.logger.warn({ err: error, modelId, version }, 'new version not loaded ahead; the first Predict will load it');
      }
    }
  }

  afterRefresh(modelId: string, versions: ReadonlySet<string>): void {
    for (const version of this.cache.residentVersions(modelId)) {
      if (!versions.has(version)) this.cache.evict(modelId, version);
    }
  }

  /**
   * Loads a version unless it is gone or would push this model's versions in use out of memory (under a tight
   * cap, loading ahead would only make Predict reload the old version until the alias moves).
   */
  private async load(modelId: string, version: string): Promise<boolean> {
    const info = await this.store.readVersionInfo(modelId, version);
    if (!info) return false;
    if (info.sizeBytes > this.cache.capBytes - this.cache.residentBytesOf(modelId)) {
      this.logger.info(
        { modelId, version, sizeBytes: info.sizeBytes },
        'new version not loaded ahead: it does not fit beside the one in use',
      );
      return false;
    }
    await this.cache.acquire(modelId, version, info.sizeBytes, async () => {
      const artifact = await this.store.readArtifact(modelId, version);
      if (!artifact) throw new Error(`model "${modelId}" version "${version}" was deleted while loading`);
      return loadModel(artifact, { kernels: this.kernels });
    });
    return true;
  }
}
