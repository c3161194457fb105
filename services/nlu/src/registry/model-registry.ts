/**
 * Which models, versions and aliases exist, answered from memory on the hot path (Predict) and kept fresh from
 * the model directory, which other replicas may change too: a stale entry is re-read in the background, a miss
 * is re-read before answering "not found".
 */
import { ParleyError } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';
import type { ModelStore, VersionInfo } from './model-store';

/** The alias moved to every new version. */
export const LATEST_ALIAS = 'latest';
/** What Predict uses when no ref is given, before falling back to latest. */
export const DEFAULT_ALIAS = 'production';
export const ALIAS_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

export interface ModelEntry {
  modelId: string;
  versions: VersionInfo[];
  aliases: Record<string, string>;
}

interface IndexEntry {
  versions: Set<string>;
  aliases: Record<string, string>;
  refreshedAt: number;
}

export class ModelRegistry {
  private readonly index = new Map<string, IndexEntry>();
  private readonly refreshing = new Map<string, Promise<IndexEntry | undefined>>();

  constructor(
    private readonly store: ModelStore,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async init(): Promise<void> {
    await this.store.init();
    await this.refreshAll();
  }

  async refreshAll(): Promise<string[]> {
    const ids = await this.store.listModelIds();
    for (const id of this.index.keys()) if (!ids.includes(id)) this.index.delete(id);
    await Promise.all(ids.map((id) => this.refresh(id)));
    return [...this.index.keys()].sort();
  }

  /** Re-reads one model's versions and aliases; concurrent callers share one read. */
  refresh(modelId: string): Promise<IndexEntry | undefined> {
    const running = this.refreshing.get(modelId);
    if (running) return running;
    const read = (async () => {
      const [versions, aliases] = await Promise.all([this.store.listVersionNames(modelId), this.store.readAliases(modelId)]);
      if (versions.length === 0 && Object.keys(aliases).length === 0) {
        this.index.delete(modelId);
        return undefined;
      }
      const entry = { versions: new Set(versions), aliases, refreshedAt: this.now() };
      this.index.set(modelId, entry);
      return entry;
    })().finally(() => this.refreshing.delete(modelId));
    this.refreshing.set(modelId, read);
    return read;
  }

  /** The version a ref names, from memory; undefined when unknown here. Never waits for the disk. */
  resolveCached(modelId: string, ref: string): string | undefined {
    const entry = this.index.get(modelId);
    if (!entry) return undefined;
    if (this.now() - entry.refreshedAt > this.refreshMs) void this.refresh(modelId).catch(() => undefined);
    return resolveIn(entry, ref);
  }

  /** Like resolveCached, but re-reads the disk before giving up. */
  async resolve(modelId: string, ref: string): Promise<string | undefined> {
    return this.resolveCached(modelId, ref) ?? resolveIn(await this.refresh(modelId), ref);
  }

  async describe(modelId: string): Promise<ModelEntry | undefined> {
    const entry = await this.refresh(modelId);
    if (!entry) return undefined;
    return { modelId, versions: await this.store.listVersions(modelId), aliases: { ...entry.aliases } };
  }

  async list(): Promise<ModelEntry[]> {
    const ids = await this.refreshAll();
    const entries = await Promise.all(ids.map((id) => this.describe(id)));
    return entries.filter((entry): entry is ModelEntry => entry !== undefined);
  }

  hasVersion(modelId: string, version: string): Promise<boolean> {
    return this.store.hasVersion(modelId, version);
  }

  versionInfo(modelId: string, version: string): Promise<VersionInfo | undefined> {
    return this.store.readVersionInfo(modelId, version);
  }

  readArtifact(modelId: string, version: string): Promise<NluModelArtifact | undefined> {
    return this.store.readArtifact(modelId, version);
  }

  /** Stores a new immutable version and moves `latest` to it. Returns false if it already existed. */
  async addVersion(info: VersionInfo, artifact: NluModelArtifact): Promise<boolean> {
    const created = await this.store.writeVersion(info, artifact);
    if (created) await this.store.writeAlias(info.modelId, LATEST_ALIAS, info.version);
    await this.refresh(info.modelId);
    return created;
  }

  async setAlias(modelId: string, alias: string, version: string): Promise<void> {
    if (!ALIAS_PATTERN.test(alias)) {
      throw new ParleyError('INVALID_ARGUMENT', `alias "${alias}" must be a letter then up to 63 letters, digits, ".", "_" or "-"`, { field: 'alias' });
    }
    if (!(await this.store.hasVersion(modelId, version))) {
      throw new ParleyError('MODEL_NOT_FOUND', `version: model "${modelId}" has no version "${version}"`, { field: 'version' });
    }
    await this.store.writeAlias(modelId, alias, version);
    await this.refresh(modelId);
  }

  async deleteModel(modelId: string): Promise<boolean> {
    const deleted = await this.store.deleteModel(modelId);
    this.index.delete(modelId);
    return deleted;
  }

  /** Deletes one version; aliases that pointed at it go too, and `latest` moves back to the newest left. */
  async deleteVersion(modelId: string, version: string): Promise<boolean> {
    const deleted = await this.store.deleteVersion(modelId, version);
    if (!deleted) return false;
    const aliases = await this.store.readAliases(modelId);
    for (const [alias, target] of Object.entries(aliases)) {
      if (target === version) await this.store.removeAlias(modelId, alias);
    }
    const newest = (await this.store.listVersions(modelId)).at(-1);
    if (newest && aliases[LATEST_ALIAS] === version) await this.store.writeAlias(modelId, LATEST_ALIAS, newest.version);
    await this.refresh(modelId);
    return true;
  }
}

function resolveIn(entry: IndexEntry | undefined, ref: string): string | undefined {
  if (!entry) return undefined;
  if (ref === '') return aliasTarget(entry, DEFAULT_ALIAS) ?? aliasTarget(entry, LATEST_ALIAS);
  return aliasTarget(entry, ref) ?? (entry.versions.has(ref) ? ref : undefined);
}

/** Own aliases only: a ref such as "toString" must not find Object.prototype's. */
function aliasTarget(entry: IndexEntry, alias: string): string | undefined {
  return Object.hasOwn(entry.aliases, alias) ? entry.aliases[alias] : undefined;
}
