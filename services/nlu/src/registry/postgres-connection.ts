/**
 * The PostgreSQL connection pool the model store and the job store share (PARLEY_MODEL_STORE=postgres://…): runs
 * queries in the store's schema and turns "cannot reach or use the server" into MODEL_STORE_UNAVAILABLE, so a
 * Predict that must load a model while PostgreSQL is away answers UNAVAILABLE (retry), never INTERNAL.
 */
import { ParleyError } from '@parley/domain';
import { isPostgresUnavailable } from '@parley/session-store';
import pg from 'pg';
import { describeUrl } from './model-event-channel';
import { createModelStoreSchema, quoteIdentifier } from './postgres-model-schema';

const CONNECT_TIMEOUT_MS = 5_000;
/** Weights of a large model take a while to travel. */
const QUERY_TIMEOUT_MS = 60_000;

export class PostgresConnection {
  readonly description: string;
  /** The schema, quoted for SQL. */
  readonly schema: string;
  private readonly pool: pg.Pool;
  private created: Promise<void> | undefined;
  private closed: Promise<void> | undefined;

  constructor(
    url: string,
    private readonly schemaName: string,
  ) {
    this.schema = quoteIdentifier(schemaName);
    this.description = `${describeUrl(url)} (schema ${schemaName})`;
    this.pool = new pg.Pool({
      connectionString: url,
      application_name: 'parley-nlu-model-store',
      max: 4,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      keepAlive: true,
    });
    // Idle clients whose connection drops are removed by the pool; unheard, the 'error' would crash the process.
    this.pool.on('error', () => undefined);
  }

  /** Creates the schema and tables once per process (both stores call it). */
  init(): Promise<void> {
    this.created ??= this.run(() => createModelStoreSchema(this.pool, this.schemaName)).catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }

  async query<Row extends object>(text: string, params: unknown[] = []): Promise<{ rows: Row[]; rowCount: number }> {
    const result = await this.run(() => this.pool.query<Row>(text, params));
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  }

  close(): Promise<void> {
    this.closed ??= this.pool.end();
    return this.closed;
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isPostgresUnavailable(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ParleyError('MODEL_STORE_UNAVAILABLE', `the model store at ${this.description} is unavailable: ${reason}`, {
        cause: error,
      });
    }
  }
}
