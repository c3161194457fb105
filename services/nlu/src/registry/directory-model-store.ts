/**
 * The model store as a directory (PARLEY_MODEL_DIR, the embedded default):
 * `<dir>/<modelId>/versions/<version>/{manifest.json, weights.bin}` and `<dir>/<modelId>/aliases/<alias>` (one
 * small file per alias holding a version, so two replicas moving different aliases never overwrite each other).
 * Versions are written to a temp folder and renamed into place, so replicas sharing the directory need no lock.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { JsonObject } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';
import { atomicWrite } from './atomic-write';
import type { ModelStore, VersionInfo } from './model-store';

const MANIFEST_FORMAT = 'parley.model-version/1';

interface ManifestFile {
  format: string;
  info: VersionInfo;
  artifact: JsonObject;
}

/** Model ids, versions and aliases: one plain path segment each. Temp and deleted entries start with "." or "_". */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function segment(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`unsafe name for the model directory: ${JSON.stringify(name)}`);
  return name;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The model, version or alias names in a folder; temp folders, deleted models and the jobs folder are skipped. */
async function visibleEntries(path: string): Promise<string[]> {
  try {
    return (await readdir(path)).filter((name) => SAFE_NAME.test(name)).sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

export class DirectoryModelStore implements ModelStore {
  /** Versions never change, so their parsed info can be kept forever. */
  private readonly infoCache = new Map<string, VersionInfo>();

  constructor(readonly dir: string) {}

  get description(): string {
    return this.dir;
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  async close(): Promise<void> {}

  private versionDir(modelId: string, version: string): string {
    return join(this.dir, segment(modelId), 'versions', segment(version));
  }

  private aliasDir(modelId: string): string {
    return join(this.dir, segment(modelId), 'aliases');
  }

  listModelIds(): Promise<string[]> {
    return visibleEntries(this.dir);
  }

  async hasVersion(modelId: string, version: string): Promise<boolean> {
    try {
      return (await stat(join(this.versionDir(modelId, version), 'manifest.json'))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  listVersionNames(modelId: string): Promise<string[]> {
    return visibleEntries(join(this.dir, segment(modelId), 'versions'));
  }

  async listVersions(modelId: string): Promise<VersionInfo[]> {
    const versions = await this.listVersionNames(modelId);
    const infos = await Promise.all(versions.map((version) => this.readVersionInfo(modelId, version)));
    return infos.filter((info): info is VersionInfo => info !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async readVersionInfo(modelId: string, version: string): Promise<VersionInfo | undefined> {
    const key = `${modelId}/${version}`;
    const cached = this.infoCache.get(key);
    if (cached) return cached;
    const manifest = await this.readManifest(modelId, version);
    if (manifest) this.infoCache.set(key, manifest.info);
    return manifest?.info;
  }

  private async readManifest(modelId: string, version: string): Promise<ManifestFile | undefined> {
    try {
      const manifest = JSON.parse(await readFile(join(this.versionDir(modelId, version), 'manifest.json'), 'utf8')) as ManifestFile;
      if (manifest.format !== MANIFEST_FORMAT) throw new Error(`${modelId}/${version}: unknown manifest format ${manifest.format}`);
      return manifest;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async readArtifact(modelId: string, version: string): Promise<NluModelArtifact | undefined> {
    const manifest = await this.readManifest(modelId, version);
    if (!manifest) return undefined;
    const weights = await readFile(join(this.versionDir(modelId, version), 'weights.bin'));
    return { manifest: manifest.artifact, weights: new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength) };
  }

  /** Writes a version unless it exists; returns false when another writer got there first. */
  async writeVersion(info: VersionInfo, artifact: NluModelArtifact): Promise<boolean> {
    const versionsDir = join(this.dir, segment(info.modelId), 'versions');
    const temp = join(versionsDir, `.tmp-${randomBytes(6).toString('hex')}`);
    await mkdir(temp, { recursive: true });
    try {
      const manifest: ManifestFile = { format: MANIFEST_FORMAT, info, artifact: artifact.manifest };
      await atomicWrite(join(temp, 'weights.bin'), artifact.weights);
      await atomicWrite(join(temp, 'manifest.json'), JSON.stringify(manifest));
      if (await this.hasVersion(info.modelId, info.version)) return false;
      await rename(temp, this.versionDir(info.modelId, info.version));
      this.infoCache.set(`${info.modelId}/${info.version}`, info);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
      throw error;
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }

  async readAliases(modelId: string): Promise<Record<string, string>> {
    const names = await visibleEntries(this.aliasDir(modelId));
    const entries = await Promise.all(
      names.map(async (name) => {
        try {
          return [name, (await readFile(join(this.aliasDir(modelId), name), 'utf8')).trim()] as const;
        } catch (error) {
          if (isMissing(error)) return undefined;
          throw error;
        }
      }),
    );
    return Object.fromEntries(entries.filter((entry): entry is readonly [string, string] => entry !== undefined && entry[1] !== ''));
  }

  async writeAlias(modelId: string, alias: string, version: string): Promise<boolean> {
    if (!(await this.hasVersion(modelId, version))) return false;
    await mkdir(this.aliasDir(modelId), { recursive: true });
    await atomicWrite(join(this.aliasDir(modelId), segment(alias)), segment(version));
    return true;
  }

  async removeAlias(modelId: string, alias: string): Promise<void> {
    await rm(join(this.aliasDir(modelId), segment(alias)), { force: true });
  }

  /** Renames the folder away first, so the model disappears at once for every reader. */
  async deleteModel(modelId: string): Promise<boolean> {
    const graveyard = join(this.dir, `.deleted-${modelId}-${randomBytes(4).toString('hex')}`);
    try {
      await rename(join(this.dir, segment(modelId)), graveyard);
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    this.forget(modelId);
    await rm(graveyard, { recursive: true, force: true });
    return true;
  }

  async deleteVersion(modelId: string, version: string): Promise<boolean> {
    const graveyard = join(this.dir, segment(modelId), 'versions', `.deleted-${segment(version)}`);
    try {
      await rename(this.versionDir(modelId, version), graveyard);
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    this.infoCache.delete(`${modelId}/${version}`);
    await rm(graveyard, { recursive: true, force: true });
    const aliases = await this.readAliases(modelId);
    for (const [alias, target] of Object.entries(aliases)) if (target === version) await this.removeAlias(modelId, alias);
    return true;
  }

  private forget(modelId: string): void {
    for (const key of this.infoCache.keys()) if (key.startsWith(`${modelId}/`)) this.infoCache.delete(key);
  }
}
