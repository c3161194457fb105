/**
 * Opens the model store a configuration names (PARLEY_MODEL_STORE): the directory (PARLEY_MODEL_DIR, the embedded
 * default) or PostgreSQL, for versions, aliases and training jobs alike. Nothing connects before `init()`.
 */
import { DirectoryJobStore } from '../jobs/directory-job-store';
import type { JobStore } from '../jobs/job-store';
import { PostgresJobStore } from '../jobs/postgres-job-store';
import { DirectoryModelStore } from './directory-model-store';
import type { ModelStore } from './model-store';
import { PostgresConnection } from './postgres-connection';
import { PostgresModelStore } from './postgres-model-store';

export type ModelStoreLocation = { kind: 'directory'; dir: string } | { kind: 'postgres'; url: string; schema: string };

export interface OpenedModelStore {
  models: ModelStore;
  jobs: JobStore;
}

export function openModelStore(location: ModelStoreLocation): OpenedModelStore {
  if (location.kind === 'directory') return { models: new DirectoryModelStore(location.dir), jobs: new DirectoryJobStore(location.dir) };
  const db = new PostgresConnection(location.url, location.schema);
  return { models: new PostgresModelStore(db), jobs: new PostgresJobStore(db) };
}
