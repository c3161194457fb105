/**
 * A dialogue client that follows the README's retry rule: a message carries a messageId, and on a connection error
 * (or no answer in time) or a 503 the same request, with the same messageId, goes to the next replica after a short
 * back-off. Idempotency makes the retry safe: a turn that already ran returns its stored answer. Anything else
 * (a 4xx, a 500) fails the turn at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface TurnAnswer {
  /** The 200 answer's body, as JSON text. */
  body: string;
  /** Index of the replica that answered. */
  replica: number;
  /** Attempts it took (1: no retry). */
  attempts: number;
}

export interface RetryingTurnClientOptions {
  /** Give up after this many attempts in all. */
  maxAttempts?: number;
  /** Per-attempt timeout. */
  timeoutMs?: number;
}

export class RetryingTurnClient {
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;

  /** `replicas`: base URLs of the dialogue replicas (a load balancer would pick; the client picks here). */
  constructor(
    private readonly replicas: readonly string[],
    options: RetryingTurnClientOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 40;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** Posts `text` as `messageId` into `session`, first to replica `first`, then round the others on each retry. */
  async send(session: string, text: string, messageId: string, first: number): Promise<TurnAnswer> {
    const problems: string[] = [];
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const replica = (first + attempt - 1) % this.replicas.length;
      const outcome = await this.post(`${this.replicas[replica]}/v1/sessions/${session}/messages`, { text, messageId });
      if (outcome.status === 200) return { body: outcome.body, replica, attempts: attempt };
      problems.push(`replica ${replica}: ${outcome.status || outcome.body}`);
      if (outcome.status !== 0 && outcome.status !== 503) break;
      // The first retry goes to the other replica at once; later ones back off (both may be restarting).
      if (attempt > 1) await sleep(Math.min(500, 25 * 2 ** attempt));
    }
    throw new Error(`${messageId} failed: ${problems.slice(-5).join('; ')} (${problems.length} attempts)`);
  }

  /** Status 0: no HTTP answer (refused, reset, timed out); the body then says why. */
  private async post(url: string, payload: object): Promise<{ status: number; body: string }> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { status: 0, body: cause ?? (error as Error).name };
    }
  }
}
