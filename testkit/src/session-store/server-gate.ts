/**
 * Runs a test block only when its server (Redis, PostgreSQL) answers. Unreachable under CI=true, the block
 * becomes one failing test, so CI can never pass by skipping; elsewhere it is skipped with the reason printed.
 */
import { describe, it } from 'vitest';

/** The reason `probe` failed, or undefined when the server answered. */
export async function unreachableReason(probe: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await probe();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function describeWithServer(name: string, server: string, unreachable: string | undefined, body: () => void): void {
  if (unreachable === undefined) {
    describe(name, body);
    return;
  }
  const why = `${server} is not reachable (${unreachable})`;
  if (process.env['CI'] === 'true') {
    describe(name, () => {
      it(`needs ${server}`, () => {
        throw new Error(`${why}; CI=true, so this fails instead of skipping`);
      });
    });
    return;
  }
  console.warn(`Skipping ${name}: ${why}. Start ${server} to run these tests.`);
  describe.skip(`${name} (skipped: ${why})`, body);
}
