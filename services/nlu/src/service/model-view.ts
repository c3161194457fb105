/** What GetModel and ListModels show of a model: versions (and whether each is in memory), aliases, live jobs. */
import type { ClassifierEngine } from '@parley/nlu';
import type { TrainingJob } from '../jobs/training-job';
import type { VersionInfo } from '../registry/model-store';

export interface VersionView extends VersionInfo {
  loaded: boolean;
  /** Where the loaded version's classifier runs; undefined when it is not loaded. */
  engine: ClassifierEngine | undefined;
}

export interface ModelView {
  modelId: string;
  versions: VersionView[];
  aliases: Record<string, string>;
  activeJobs: TrainingJob[];
}
