/**
 * Training slots and the first-in-first-out queue of trainings waiting for one: at most `slots` trainings run at
 * once, up to `capacity` more wait in arrival order and are told their position whenever it changes, and only a
 * full queue refuses (TRAINING_QUEUE_FULL). Synchronous bookkeeping: a place is taken or refused in the same tick
 * as it is asked for, so concurrent starts can never overfill it.
 */
import { ParleyError } from '@parley/domain';

export interface QueueTicket {
  /** 0: a slot is granted now; n ≥ 1: n-th in the queue. */
  position: number;
  /** Settles when the slot is granted. */
  turn: Promise<void>;
}

interface Waiter {
  id: string;
  grant: () => void;
}

export class TrainingQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly slots: number,
    private readonly capacity: number,
    /** A waiting training's position changed (1 = next). */
    private readonly onPosition: (id: string, position: number) => void = () => undefined,
  ) {}

  get runningCount(): number {
    return this.running;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** A slot now, or a place at the end of the queue; throws TRAINING_QUEUE_FULL when the queue is full. */
  enter(id: string): QueueTicket {
    if (this.running < this.slots && this.waiting.length === 0) {
      this.running += 1;
      return { position: 0, turn: Promise.resolve() };
    }
    if (this.waiting.length >= this.capacity) {
      throw new ParleyError(
        'TRAINING_QUEUE_FULL',
        `${this.running} training(s) running (PARLEY_MAX_CONCURRENT_TRAININGS=${this.slots}) and ${this.waiting.length} waiting (PARLEY_MAX_QUEUED_TRAININGS=${this.capacity}); retry later`,
      );
    }
    let grant: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => (grant = resolve));
    this.waiting.push({ id, grant });
    return { position: this.waiting.length, turn };
  }

  /** A waiting training gives up its place (canceled); false when it is not waiting (its slot was granted). */
  withdraw(id: string): boolean {
    const index = this.waiting.findIndex((waiter) => waiter.id === id);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    this.renumber(index);
    return true;
  }

  /** A training holding a slot ended: the first one waiting gets the slot. */
  release(): void {
    this.running -= 1;
    const next = this.waiting.shift();
    if (!next) return;
    this.running += 1;
    next.grant();
    this.renumber(0);
  }

  private renumber(from: number): void {
    for (let index = from; index < this.waiting.length; index += 1) {
      const waiter = this.waiting[index];
      if (waiter) this.onPosition(waiter.id, index + 1);
    }
  }
}
