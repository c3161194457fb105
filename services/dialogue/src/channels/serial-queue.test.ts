import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('SerialQueue', () => {
  it('runs tasks one at a time in push order, whatever each one takes', async () => {
    const queue = new SerialQueue(10);
    const events: string[] = [];
    for (const [name, ms] of [
      ['a', 30],
      ['b', 0],
      ['c', 10],
    ] as const) {
      queue.push(async () => {
        events.push(`start ${name}`);
        await tick(ms);
        events.push(`end ${name}`);
      });
    }
    await queue.idle();
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('refuses a task when the limit is reached, and accepts again once tasks finish', async () => {
    const queue = new SerialQueue(2);
    expect(queue.push(() => tick(10))).toBe(true);
    expect(queue.push(() => tick(10))).toBe(true);
    expect(queue.push(() => tick(10))).toBe(false);
    expect(queue.size).toBe(2);
    await queue.idle();
    expect(queue.size).toBe(0);
    expect(queue.push(() => tick(0))).toBe(true);
  });

  it('keeps going after a task rejects', async () => {
    const queue = new SerialQueue(5);
    let ran = false;
    queue.push(() => Promise.reject(new Error('task failed')));
    queue.push(async () => {
      ran = true;
    });
    await queue.idle();
    expect(ran).toBe(true);
  });
});
