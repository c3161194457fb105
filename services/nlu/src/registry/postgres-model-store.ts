/**
 * The model store in PostgreSQL (PARLEY_MODEL_STORE=postgres://…), so NLU replicas on different machines share
 * versions and aliases with no shared filesystem. A version is one row (record, manifest, weights) inserted once;
 * an alias is a row that references its version, so it can never point at a missing one and goes with it.
 */
import type { JsonObject } from '@parley/domain';
import type { NluModelArtifact } from '@parley/nlu';
import type { ModelStore, VersionInfo } from './model-store';
import type { PostgresConnection } from './postgres-connection';

/** SQLSTATE of a foreign-key violation: the alias's version was deleted meanwhile. */
const FOREIGN_KEY_VIOLATION = '23503';

export class PostgresModelStore implements ModelStore {
  /** Versions never change, so their parsed info can be kept forever. */
  private readonly infoCache = new Map<string, VersionInfo>();
  private readonly s: string;

  constructor(private readonly db: PostgresConnection) {
    this.s = db.schema;
  }

  get description(): string {
    return this.db.description;
  }

  init(): Promise<void> {
    return this.db.init();
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async listModelIds(): Promise<string[]> {
    const { rows } = await this.db.query<{ model_id: string }>(`SELECT DISTINCT model_id FROM ${this.s}.model_versions ORDER BY 1`);
    return rows.map((row) => row.model_id);
  }

  async listVersionNames(modelId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ version: string }>(
      `SELECT version FROM ${this.s}.model_versions WHERE model_id = $1 ORDER BY 1`,
      [modelId],
    );
    return rows.map((row) => row.version);
  }

  async listVersions(modelId: string): Promise<VersionInfo[]> {
    const { rows } = await this.db.query<{ info: VersionInfo }>(
      `SELECT info FROM ${this.s}.model_versions WHERE model_id = $1 ORDER BY created_at, version`,
      [modelId],
    );
    return rows.map((row) => row.info);
  }

  async hasVersion(modelId: string, version: string): Promise<boolean> {
    const { rowCount } = await this.db.query(`SELECT 1 FROM ${this.s}.model_versions WHERE model_id = $1 AND version = $2`, [
      modelId,
      version,
    ]);
    return rowCount > 0;
  }

  async readVersionInfo(modelId: string, version: string): Promise<VersionInfo | undefined> {
    const key = `${modelId}/${version}`;
    const cached = this.infoCache.get(key);
    if (cached) return cached;
    const { rows } = await this.db.query<{ info: VersionInfo }>(
      `SELECT info FROM ${this.s}.model_versions WHERE model_id = $1 AND version = $2`,
      [modelId, version],
    );
    const info = rows[0]?.info;
    if (info) this.infoCache.set(key, info);
    return info;
  }

  async readArtifact(modelId: string, version: string): Promise<NluModelArtifact | undefined> {
    const { rows } = await this.db.query<{ manifest: JsonObject; weights: Buffer }>(
      `SELECT manifest, weights FROM ${this.s}.model_versions WHERE model_id = $1 AND version = $2`,
      [modelId, version],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { manifest: row.manifest, weights: new Uint8Array(row.weights.buffer, row.weights.byteOffset, row.weights.byteLength) };
  }

  async writeVersion(info: VersionInfo, artifact: NluModelArtifact): Promise<boolean> {
    const weights = Buffer.from(artifact.weights.buffer, artifact.weights.byteOffset, artifact.weights.byteLength);
    const { rowCount } = await this.db.query(
      `INSERT INTO ${this.s}.model_versions (model_id, version, created_at, info, manifest, weights)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (model_id, version) DO NOTHING`,
      [info.modelId, info.version, info.createdAt, JSON.stringify(info), JSON.stringify(artifact.manifest), weights],
    );
    if (rowCount > 0) this.infoCache.set(`${info.modelId}/${info.version}`, info);
    return rowCount > 0;
  }

  async readAliases(modelId: string): Promise<Record<string, string>> {
    const { rows } = await this.db.query<{ alias: string; version: string }>(
      `SELECT alias, version FROM ${this.s}.model_aliases WHERE model_id = $1 ORDER BY alias`,
      [modelId],
    );
    return Object.fromEntries(rows.map((row) => [row.alias, row.version]));
  }

  async writeAlias(modelId: string, alias: string, version: string): Promise<boolean> {
    try {
      const { rowCount } = await this.db.query(
        `INSERT INTO ${this.s}.model_aliases (model_id, alias, version)
         SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM ${this.s}.model_versions WHERE model_id = $1 AND version = $3)
         ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version`,
        [modelId, alias, version],
      );
      return rowCount > 0;
    } catch (error) {
      if ((error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) return false;
      throw error;
    }
  }

  async removeAlias(modelId: string, alias: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.s}.model_aliases WHERE model_id = $1 AND alias = $2`, [modelId, alias]);
  }

  async deleteModel(modelId: string): Promise<boolean> {
    const { rowCount } = await this.db.query(`DELETE FROM ${this.s}.model_versions WHERE model_id = $1`, [modelId]);
    for (const key of this.infoCache.keys()) if (key.startsWith(`${modelId}/`)) this.infoCache.delete(key);
    return rowCount > 0;
  }

  async deleteVersion(modelId: string, version: string): Promise<boolean> {
    const { rowCount } = await this.db.query(`DELETE FROM ${this.s}.model_versions WHERE model_id = $1 AND version = $2`, [
      modelId,
      version,
    ]);
    this.infoCache.delete(`${modelId}/${version}`);
    return rowCount > 0;
  }
}
