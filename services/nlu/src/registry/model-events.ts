/**
 * Model events between replicas sharing one model directory: announces this replica's changes on the channel,
 * and applies every replica's (its own included, which is harmless) by re-reading that model's registry entry at
 * once. The re-read loads a moved alias's new target before the alias moves and unloads deleted versions
 * (ModelSwap). While the channel is down the registry's polling keeps replicas in step; after a reconnect every
 * model is re-read, to catch up on what was announced meanwhile.
 */
import type { Logger } from 'pino';
import type { NluMetrics } from '../metrics/nlu-metrics';
import { decodeModelChange, encodeModelChange, type ModelChange } from './model-change';
import type { ModelEventChannel } from './model-event-channel';
import type { ModelRegistry } from './model-registry';

export class ModelEvents {
  /** Publishes and applies under way, awaited by close(). */
  private readonly pending = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly channel: ModelEventChannel,
    private readonly metrics: NluMetrics,
    private readonly logger: Logger,
  ) {}

  /** Subscribes; settles once subscribed or after the first failed attempt (then retried in the background). */
  start(registry: ModelRegistry): Promise<void> {
    return this.channel.start({
      onMessage: (text) => this.apply(registry, text),
      onReconnect: () => this.track(this.catchUp(registry)),
    });
  }

  /** Publishes in the background: a change is on disk already, so a failed announcement only delays others. */
  announce(change: ModelChange): void {
    if (this.closed) return;
    const publishing = this.channel.publish(encodeModelChange(change)).then(
      () => this.metrics.observeModelEvent(change.change, 'published'),
      (error: unknown) => {
        this.metrics.observeModelEvent(change.change, 'publish_failed');
        this.logger.warn(
          { err: error, ...change, channel: this.channel.description },
          'model event not announced; other replicas will see the change when they poll',
        );
      },
    );
    this.track(publishing);
  }

  private apply(registry: ModelRegistry, text: string): void {
    if (this.closed) return;
    let change: ModelChange;
    try {
      change = decodeModelChange(text);
    } catch (error) {
      this.metrics.observeModelEvent('unknown', 'invalid');
      this.logger.warn({ err: error, message: text.slice(0, 200) }, 'model event ignored');
      return;
    }
    this.metrics.observeModelEvent(change.change, 'received');
    const applying = registry.refresh(change.modelId).then(
      () => {
        this.metrics.observeModelEvent(change.change, 'applied');
        this.logger.debug(change, 'model event applied');
      },
      (error: unknown) => {
        this.metrics.observeModelEvent(change.change, 'apply_failed');
        this.logger.warn({ err: error, ...change }, 'model event not applied; polling will retry');
      },
    );
    this.track(applying);
  }

  private async catchUp(registry: ModelRegistry): Promise<void> {
    try {
      await registry.refreshAll();
    } catch (error) {
      this.logger.warn({ err: error }, 'catching up after a reconnect failed; polling will retry');
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Lets announcements and applications under way finish, then closes the channel's connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.pending);
    await this.channel.close();
  }
}
