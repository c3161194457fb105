/**
 * Training jobs in PostgreSQL, beside the models of the PostgreSQL model store, so any replica can answer for,
 * watch and ask to cancel any job. A cancel asked of another replica is a flag on the job's row, which its owner
 * polls with each heartbeat; rewriting the record leaves the flag alone.
 */
import type { PostgresConnection } from '../registry/postgres-connection';
import { JOB_ID_PATTERN, type JobStore } from './job-store';
import { isFinished, type TrainingJob } from './training-job';

export class PostgresJobStore implements JobStore {
  private readonly s: string;

  constructor(private readonly db: PostgresConnection) {
    this.s = db.schema;
  }

  init(): Promise<void> {
    return this.db.init();
  }

  async write(job: TrainingJob): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.s}.training_jobs (id, model_id, finished, updated_at, record) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET model_id = excluded.model_id, finished = excluded.finished,
         updated_at = excluded.updated_at, record = excluded.record`,
      [job.id, job.modelId, isFinished(job), job.updatedAt, JSON.stringify(job)],
    );
  }

  async read(id: string): Promise<TrainingJob | undefined> {
    if (!JOB_ID_PATTERN.test(id)) return undefined;
    const { rows } = await this.db.query<{ record: TrainingJob }>(`SELECT record FROM ${this.s}.training_jobs WHERE id = $1`, [id]);
    return rows[0]?.record;
  }

  async list(): Promise<TrainingJob[]> {
    const { rows } = await this.db.query<{ record: TrainingJob }>(`SELECT record FROM ${this.s}.training_jobs ORDER BY id`);
    return rows.map((row) => row.record);
  }

  async requestCancel(id: string): Promise<void> {
    await this.db.query(`UPDATE ${this.s}.training_jobs SET cancel_requested = true WHERE id = $1`, [id]);
  }

  async cancelRequested(id: string): Promise<boolean> {
    const { rows } = await this.db.query<{ cancel_requested: boolean }>(
      `SELECT cancel_requested FROM ${this.s}.training_jobs WHERE id = $1`,
      [id],
    );
    return rows[0]?.cancel_requested ?? false;
  }

  async clearCancel(id: string): Promise<void> {
    await this.db.query(`UPDATE ${this.s}.training_jobs SET cancel_requested = false WHERE id = $1`, [id]);
  }

  async pruneFinished(maxAgeMs: number, now = Date.now()): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM ${this.s}.training_jobs WHERE finished AND updated_at < $1`, [
      new Date(now - maxAgeMs).toISOString(),
    ]);
    return rowCount;
  }

  async remove(id: string): Promise<void> {
    await this.db.query(`DELETE FROM ${this.s}.training_jobs WHERE id = $1`, [id]);
  }
}
