/**
 * Training jobs in the model directory (`<modelDir>/_jobs/<id>.json`), so any replica sharing the directory can
 * answer for any job. A cancel asked of another replica is a marker file beside the record.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../registry/atomic-write';
import { JOB_ID_PATTERN, type JobStore } from './job-store';
import { isFinished, type TrainingJob } from './training-job';

export class DirectoryJobStore implements JobStore {
  readonly dir: string;

  constructor(modelDir: string) {
    this.dir = join(modelDir, '_jobs');
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  private path(id: string, suffix = '.json'): string {
    if (!JOB_ID_PATTERN.test(id)) throw new Error(`unsafe job id ${JSON.stringify(id)}`);
    return join(this.dir, `${id}${suffix}`);
  }

  async write(job: TrainingJob): Promise<void> {
    await atomicWrite(this.path(job.id), JSON.stringify(job));
  }

  async read(id: string): Promise<TrainingJob | undefined> {
    if (!JOB_ID_PATTERN.test(id)) return undefined;
    try {
      return JSON.parse(await readFile(this.path(id), 'utf8')) as TrainingJob;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async list(): Promise<TrainingJob[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const jobs = await Promise.all(names.map((name) => this.read(name.slice(0, -'.json'.length)).catch(() => undefined)));
    return jobs.filter((job): job is TrainingJob => job !== undefined);
  }

  async requestCancel(id: string): Promise<void> {
    await writeFile(this.path(id, '.cancel'), '');
  }

  async cancelRequested(id: string): Promise<boolean> {
    try {
      await stat(this.path(id, '.cancel'));
      return true;
    } catch {
      return false;
    }
  }

  async clearCancel(id: string): Promise<void> {
    await rm(this.path(id, '.cancel'), { force: true });
  }

  /** Drops the records of jobs that ended more than `maxAgeMs` ago, so the folder does not grow forever. */
  async pruneFinished(maxAgeMs: number, now = Date.now()): Promise<number> {
    const stale = (await this.list()).filter((job) => isFinished(job) && now - Date.parse(job.updatedAt) > maxAgeMs);
    await Promise.all(stale.map((job) => this.remove(job.id)));
    return stale.length;
  }

  async remove(id: string): Promise<void> {
    await Promise.all([rm(this.path(id), { force: true }), this.clearCancel(id)]);
  }
}
