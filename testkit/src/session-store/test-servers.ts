/**
 * Where the store tests find the machine's real Redis and PostgreSQL: the defaults below, or PARLEY_TEST_REDIS_URL
 * and PARLEY_TEST_POSTGRES_URL. Read here only, once.
 */
export const testServers = {
  redisUrl: process.env['PARLEY_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
  postgresUrl: process.env['PARLEY_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test',
};
