/** NLU replicas announcing model changes to each other over the machine's real PostgreSQL (LISTEN/NOTIFY). */
import pg from 'pg';
import { unreachableReason } from '@parley/testkit/session-store/server-gate';
import { pingPostgres, POSTGRES_URL } from '@parley/testkit/services/backends';
import { describeModelEventsContract } from '@parley/testkit/services/model-events-contract';
import { missingBuild } from '@parley/testkit/services/service-process';

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
