/** NLU replicas announcing model changes to each other over the machine's real PostgreSQL (LISTEN/NOTIFY). */
import pg from 'pg';
import { unreachableReason } from '../packages/session-store/src/testing/server-gate';
import { pingPostgres, POSTGRES_URL } from './support/backends';
import { describeModelEventsContract } from './support/model-events-contract';
import { missingBuild } from './support/service-process';

async function connectionsNamed(name: string): Promise<number> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ count: number }>(
      'select count(*)::int as count from pg_stat_activity where application_name = $1',
      [name],
    );
    return rows[0]?.count ?? 0;
  } finally {
    await admin.end();
  }
}

describeModelEventsContract({
  name: 'PostgreSQL',
  url: POSTGRES_URL,
  unreachable: missingBuild() ?? (await unreachableReason(pingPostgres)),
  connectionsNamed,
});
