/**
 * Runs one socket's work strictly one task after another, in arrival order, with a cap on how many tasks may
 * wait, so a client that floods frames gets refusals instead of growing the server's memory.
 */
export class SerialQueue {
  private readonly limit: number;
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.waiting;
  }

  /** Queues `task`; returns false, and queues nothing, when `limit` tasks are already waiting. */
  push(task: () => Promise<void>): boolean {
    if (this.waiting >= this.limit) return false;
    this.waiting += 1;
    const done = (): void => {
      this.waiting -= 1;
    };
    // Tasks report their own failures; a rejection here must not stall the tasks behind it.
    this.tail = this.tail.then(task).then(done, done);
    return true;
  }

  /** Resolves once every task queued so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }
}
