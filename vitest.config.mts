import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

// Tests import workspace packages from source, so a unit test needs no build.
// Cross-service tests in test/ spawn the built services (npm test builds first).
export default defineConfig({
  resolve: {
    alias: {
      '@parley/domain': src('./packages/domain/src/index.ts'),
      '@parley/nlu/definition.schema.json': src('./packages/nlu/definition.schema.json'),
      '@parley/nlu': src('./packages/nlu/src/index.ts'),
      '@parley/encoder': src('./packages/encoder/src/index.ts'),
      '@parley/proto': src('./packages/proto/src/index.ts'),
      '@parley/bot': src('./packages/bot/src/index.ts'),
      '@parley/session-store': src('./packages/session-store/src/index.ts'),
      '@parley/examples': src('./examples/src/index.ts'),
      '@parley/testkit': src('./testkit/src'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'examples/src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
