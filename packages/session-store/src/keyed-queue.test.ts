import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue';
import { sleep } from '@parley/testkit/session-store/turns';

describe('KeyedQueue', () => {
  it('runs the tasks of one key one at a time, in arrival order', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    await Promise.all(
      [30, 0, 10].map((ms, n) =>
        queue.run('k', async () => {
          log.push(`start ${n}`);
          await sleep(ms);
          log.push(`end ${n}`);
        }),
      ),
    );
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('runs different keys side by side', async () => {
    const queue = new KeyedQueue();
    let release: () => void = () => undefined;
    const blocked = queue.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    expect(await queue.run('b', async () => 'b done')).toBe('b done');
    release();
    await blocked;
  });

  it('passes results and failures through, and a failure does not block the next task', async () => {
    const queue = new KeyedQueue();
    const failure = new Error('boom');
    const failed = queue.run('k', () => Promise.reject(failure));
    const next = queue.run('k', async () => 7);
    await expect(failed).rejects.toBe(failure);
    expect(await next).toBe(7);
  });

  it('forgets a key once its queue is empty', async () => {
    const queue = new KeyedQueue();
    await Promise.all([queue.run('a', async () => 1), queue.run('b', async () => 2)]);
    await sleep(0);
    expect(queue.size).toBe(0);
  });
});
