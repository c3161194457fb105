/**
 * Where NLU replicas keep their models: immutable versions (the registry's record of each, plus the artifact's
 * manifest and weights, stored as given: a store never looks inside an artifact) and aliases pointing at versions.
 * Two stores keep this one contract (model-store.contract.ts runs on both): a directory, the embedded default,
 * which replicas share as a volume; and PostgreSQL (PARLEY_MODEL_STORE=postgres://…), which replicas on different
 * machines share with no shared filesystem.
 */
import type { Calibration, NluModelArtifact, ScopeStats } from '@parley/nlu';

/** What the registry knows about one immutable version without loading its weights. */
export interface VersionInfo {
  modelId: string;
  version: string;
  createdAt: string;
  trainSeconds: number;
  sizeBytes: number;
  scopes: string[];
  intents: number;
  examples: number;
  stats: ScopeStats[];
  warnings: string[];
  /** The sentence encoder the version uses; absent in records written before encoders ("none"). */
  encoder?: string;
  /** How the version decides; absent in records written before calibration. */
  calibration?: Calibration;
}

export interface ModelStore {
  /** Where the models are (a path, or a URL with its password hidden): for logs. */
  readonly description: string;
  /** Creates what the store needs (folder, tables) when missing; safe for several replicas at once. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** Every model with a version, sorted. */
  listModelIds(): Promise<string[]>;
  listVersionNames(modelId: string): Promise<string[]>;
  /** Oldest first. */
  listVersions(modelId: string): Promise<VersionInfo[]>;
  hasVersion(modelId: string, version: string): Promise<boolean>;
  readVersionInfo(modelId: string, version: string): Promise<VersionInfo | undefined>;
  readArtifact(modelId: string, version: string): Promise<NluModelArtifact | undefined>;
  /** Stores a version unless it exists; false when it did (another writer got there first: the first one stays). */
  writeVersion(info: VersionInfo, artifact: NluModelArtifact): Promise<boolean>;
  readAliases(modelId: string): Promise<Record<string, string>>;
  /** Points an alias at a version; false, with nothing changed, when that version does not exist. */
  writeAlias(modelId: string, alias: string, version: string): Promise<boolean>;
  removeAlias(modelId: string, alias: string): Promise<void>;
  /** Deletes every version and alias of a model; false when it had none. */
  deleteModel(modelId: string): Promise<boolean>;
  /** Deletes a version and the aliases pointing at it; false when it did not exist. */
  deleteVersion(modelId: string, version: string): Promise<boolean>;
}
