/**
 * The real PostgreSQL and Redis the cross-service tests run the dialogue service on: where they are, whether they
 * answer, and a private schema / key prefix per test run that is removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import pg from 'pg';
import { testServers } from '../session-store/test-servers';

/** The same servers the store tests use (PARLEY_TEST_POSTGRES_URL, PARLEY_TEST_REDIS_URL). */
export const POSTGRES_URL = testServers.postgresUrl;
export const REDIS_URL = testServers.redisUrl;

/** A name unique to this run: schema names and key prefixes. */
export function runName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function pingPostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    await client.query('select 1');
  } finally {
    await client.end();
  }
}

export async function dropPostgresSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema.replace(/"/g, '')}" cascade`);
  } finally {
    await client.end();
  }
}

function redisClient(): Redis {
  return new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
}

export async function pingRedis(): Promise<void> {
  const redis = redisClient();
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}

export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = redisClient();
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
