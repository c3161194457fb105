/**
 * Which models, versions and aliases exist, answered from memory on the hot path (Predict) and kept fresh from
 * the model store, which other replicas may change too: a stale entry is re-read in the background, a miss
 * is re-read before answering "not found", and an announced change (ModelEvents) is re-read at once. Before a
 * re-read moves an alias, the index waits for `beforeAliasesMove` (which loads the new target), so Predict by
 * that alias keeps the old version until the new one is ready.
 */
import { ParleyError } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';
import type { ModelChange } from './model-change';
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

/** How the rest of the replica follows the index; every hook is optional. */
export interface ModelRegistryHooks {
  /** Awaited before the index serves moved aliases; `versions` are their new targets. Must not throw. */
  beforeAliasesMove?(modelId: string, versions: readonly string[]): Promise<void>;
  /** After a re-read: the versions of the model that exist now (none: the model is gone). */
  afterRefresh?(modelId: string, versions: ReadonlySet<string>): void;
  /** After this replica changed the model store. */
  onChange?(change: ModelChange): void;
}

interface IndexEntry {
  versions: Set<string>;
  aliases: Record<string, string>;
  refreshedAt: number;
}

const keyOf = (modelId: string, version: string): string => `${modelId}\u0000${version}`;

export class ModelRegistry {
  private readonly index = new Map<string, IndexEntry>();
  /** The re-read under way per model, and the one queued behind it. */
  private readonly refreshing = new Map<string, Promise<IndexEntry | undefined>>();
  private readonly queued = new Map<string, Promise<IndexEntry | undefined>>();
  /** Versions this replica is adding: their trainer puts them in memory, so nothing loads them from the store. */
  private readonly addingHere = new Set<string>();

  constructor(
    private readonly store: ModelStore,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
    private readonly hooks: ModelRegistryHooks = {},
  ) {}

  async init(): Promise<void> {
    await this.store.init();
    await this.refreshAll();
  }

  async refreshAll(): Promise<string[]> {
    const ids = await this.store.listModelIds();
    for (const id of this.index.keys()) {
      if (ids.includes(id)) continue;
      this.index.delete(id);
      this.hooks.afterRefresh?.(id, new Set());
    }
    await Promise.all(ids.map((id) => this.refresh(id)));
    return [...this.index.keys()].sort();
  }

  /**
   * Re-reads one model's versions and aliases. A read already under way may have started before the change the
   * caller wants to see, so the caller gets the next read instead; callers arriving meanwhile share that one.
   * Reads of one model never overlap, so an older read can never overwrite a newer one.
   */
  refresh(modelId: string): Promise<IndexEntry | undefined> {
    const queued = this.queued.get(modelId);
    if (queued) return queued;
    const running = this.refreshing.get(modelId);
    if (!running) return this.startRead(modelId);
    const next = running
      .catch(() => undefined)
      .then(() => {
        this.queued.delete(modelId);
        return this.startRead(modelId);
      });
    this.queued.set(modelId, next);
    return next;
  }

  private startRead(modelId: string): Promise<IndexEntry | undefined> {
    const read = this.read(modelId).finally(() => this.refreshing.delete(modelId));
    this.refreshing.set(modelId, read);
    return read;
  }

  private async read(modelId: string): Promise<IndexEntry | undefined> {
    const refreshedAt = this.now();
    const [versions, aliases] = await Promise.all([this.store.listVersionNames(modelId), this.store.readAliases(modelId)]);
    if (versions.length === 0 && Object.keys(aliases).length === 0) {
      this.index.delete(modelId);
      this.hooks.afterRefresh?.(modelId, new Set());
      return undefined;
    }
    const moved = this.movedTargets(modelId, aliases);
    if (moved.length > 0) await this.hooks.beforeAliasesMove?.(modelId, moved);
    const entry = { versions: new Set(versions), aliases, refreshedAt };
    this.index.set(modelId, entry);
    this.hooks.afterRefresh?.(modelId, entry.versions);
    return entry;
  }

  /**
   * The versions aliases newly point at, compared with the index (none for a model first seen); versions being
   * added here left out.
   */
  private movedTargets(modelId: string, aliases: Record<string, string>): string[] {
    const before = this.index.get(modelId)?.aliases;
    if (!before) return [];
    const moved = Object.entries(aliases)
      .filter(([alias, version]) => !(Object.hasOwn(before, alias) && before[alias] === version))
      .map(([, version]) => version)
      .filter((version) => !this.addingHere.has(keyOf(modelId, version)));
    return [...new Set(moved)];
  }

  /** The version a ref names, from memory; undefined when unknown here. Never waits for the store. */
  resolveCached(modelId: string, ref: string): string | undefined {
    const entry = this.index.get(modelId);
    if (!entry) return undefined;
    const stale = this.now() - entry.refreshedAt > this.refreshMs;
    // A read under way is recent enough for polling; joining it keeps busy traffic from queueing another.
    if (stale && !this.refreshing.has(modelId)) void this.refresh(modelId).catch(() => undefined);
    return resolveIn(entry, ref);
  }

  /** Like resolveCached, but re-reads the store before giving up. */
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

  /**
   * Stores a new immutable version and moves `latest` to it. Returns false if it already existed. The caller
   * holds the model in memory, so this replica does not load it again from the store.
   */
  async addVersion(info: VersionInfo, artifact: NluModelArtifact): Promise<boolean> {
    const key = keyOf(info.modelId, info.version);
    this.addingHere.add(key);
    try {
      const created = await this.store.writeVersion(info, artifact);
      if (created) await this.store.writeAlias(info.modelId, LATEST_ALIAS, info.version);
      await this.refresh(info.modelId);
      if (created) this.hooks.onChange?.({ modelId: info.modelId, change: 'version-added', version: info.version });
      return created;
    } finally {
      this.addingHere.delete(key);
    }
  }

  async setAlias(modelId: string, alias: string, version: string): Promise<void> {
    if (!ALIAS_PATTERN.test(alias)) {
      throw new ParleyError('INVALID_ARGUMENT', `alias "${alias}" must be a letter then up to 63 letters, digits, ".", "_" or "-"`, {
        field: 'alias',
      });
    }
    if (!(await this.store.writeAlias(modelId, alias, version))) {
      throw new ParleyError('MODEL_NOT_FOUND', `version: model "${modelId}" has no version "${version}"`, { field: 'version' });
    }
    await this.refresh(modelId);
    this.hooks.onChange?.({ modelId, change: 'alias-set', version, alias });
  }

  async deleteModel(modelId: string): Promise<boolean> {
    const deleted = await this.store.deleteModel(modelId);
    await this.refresh(modelId);
    if (deleted) this.hooks.onChange?.({ modelId, change: 'model-deleted' });
    return deleted;
  }

  /** Deletes one version; aliases that pointed at it go too, and `latest` moves back to the newest left. */
  async deleteVersion(modelId: string, version: string): Promise<boolean> {
    const aliases = await this.store.readAliases(modelId);
    const deleted = await this.store.deleteVersion(modelId, version);
    if (!deleted) return false;
    const newest = (await this.store.listVersions(modelId)).at(-1);
    if (newest && aliases[LATEST_ALIAS] === version) await this.store.writeAlias(modelId, LATEST_ALIAS, newest.version);
    await this.refresh(modelId);
    this.hooks.onChange?.({ modelId, change: 'version-deleted', version });
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
