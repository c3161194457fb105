/**
 * The NLU replicas the dialogue talks to, one gRPC channel each. PARLEY_NLU_ADDRESS is resolved into one endpoint
 * per replica address (resolve-nlu-targets.ts) and, when it holds names, resolved again every resolveIntervalMs:
 * a replica added behind a name (compose's `nlu`, a Kubernetes headless service) gets its own channel, and so its
 * share of the predictions, within that interval; a replica whose address is gone is let go (its channel closes
 * once whatever was sent on it had time to finish). Knowing each replica, rather than handing one channel a list,
 * lets the streams that carry predictions be spread over every replica (prediction-streams.ts). A failed lookup
 * keeps the endpoints there are.
 */
import * as grpc from '@grpc/grpc-js';
import type { nluV1 } from '@parley/proto';
import { hasNames, resolveNluTargets } from './resolve-nlu-targets';

export interface NluEndpoint {
  /** `ipv4:10.0.0.5:50051`, `ipv6:[…]:50051` or a `unix:` target. */
  readonly target: string;
  readonly client: nluV1.NluClient;
}

/** A channel that was let go is closed this long after: long enough for a prediction's resends or a GetModel. */
const CLOSE_RETIRED_AFTER_MS = 30_000;
const READY_POLL_MS = 50;

export class NluEndpoints {
  private current = new Map<string, NluEndpoint>();
  /** `current`'s values, as a list kept with it. */
  private listed: readonly NluEndpoint[] = [];
  private readonly retired = new Set<NluEndpoint>();
  private readonly listeners = new Set<(endpoints: readonly NluEndpoint[]) => void>();
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private closed = false;

  constructor(
    private readonly addresses: readonly string[],
    private readonly connect: (target: string) => nluV1.NluClient,
    private readonly resolveIntervalMs: number,
  ) {}

  /** Resolves the addresses once, then again every interval when there are names among them. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.resolveIntervalMs > 0 && hasNames(this.addresses)) {
      this.timer = setInterval(() => void this.refresh(), this.resolveIntervalMs);
      this.timer.unref();
    }
  }

  list(): readonly NluEndpoint[] {
    return this.listed;
  }

  /** Called with the new list whenever replicas come or go. */
  onChange(listener: (endpoints: readonly NluEndpoint[]) => void): void {
    this.listeners.add(listener);
  }

  /**
   * The next endpoint in turn whose channel is connected, other than `avoid` (where a request just failed) when
   * there is another; when none is connected, the next of all (its channel connects meanwhile). Undefined only
   * while no address has resolved.
   */
  pick(avoid?: NluEndpoint): NluEndpoint | undefined {
    // Every prediction picks: scan the current list in place rather than build filtered copies.
    const all = this.listed;
    const tests: Array<(endpoint: NluEndpoint) => boolean> = [
      (endpoint) => endpoint !== avoid && isReady(endpoint),
      isReady,
      (endpoint) => endpoint !== avoid,
      () => true,
    ];
    for (const test of tests) {
      for (let step = 0; step < all.length; step += 1) {
        const index = (this.next + step) % all.length;
        const endpoint = all[index] as NluEndpoint;
        if (!test(endpoint)) continue;
        this.next = index + 1;
        return endpoint;
      }
    }
    return undefined;
  }

  /** Resolves with a connected endpoint as soon as there is one; rejects at the deadline. */
  async ready(deadline: number): Promise<NluEndpoint> {
    for (;;) {
      const endpoint = this.list().find(isReady);
      if (endpoint) return endpoint;
      if (Date.now() + READY_POLL_MS >= deadline) throw new Error(this.unreachable());
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  }

  /** Why no replica can be used, for error messages. */
  unreachable(): string {
    if (this.current.size === 0) return `no NLU address resolved (${this.lastError ?? this.addresses.join(', ')})`;
    return `no NLU replica is connected (${[...this.current.keys()].join(', ')})`;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const endpoint of [...this.current.values(), ...this.retired]) endpoint.client.close();
    this.current.clear();
    this.listed = [];
    this.retired.clear();
  }

  private async refresh(): Promise<void> {
    const { targets, errors } = await resolveNluTargets(this.addresses);
    if (this.closed) return;
    this.lastError = errors.length > 0 ? errors.join('; ') : undefined;
    // A lookup that failed for some name keeps what there is, unless there is nothing yet.
    if (targets.length === 0 || (errors.length > 0 && this.current.size > 0)) return;
    const next = new Map<string, NluEndpoint>();
    for (const target of targets) next.set(target, this.current.get(target) ?? { target, client: this.connect(target) });
    const gone = [...this.current.values()].filter((endpoint) => !next.has(endpoint.target));
    const added = targets.some((target) => !this.current.has(target));
    this.current = next;
    this.listed = [...next.values()];
    for (const endpoint of gone) this.retire(endpoint);
    if (added || gone.length > 0) for (const listener of this.listeners) listener(this.list());
  }

  private retire(endpoint: NluEndpoint): void {
    this.retired.add(endpoint);
    setTimeout(() => {
      this.retired.delete(endpoint);
      endpoint.client.close();
    }, CLOSE_RETIRED_AFTER_MS).unref();
  }
}

/** Asking also wakes an idle channel, so endpoints stay connected while they are polled. */
function isReady(endpoint: NluEndpoint): boolean {
  return endpoint.client.getChannel().getConnectivityState(true) === grpc.connectivityState.READY;
}
