/**
 * Model events over Redis pub/sub: one connection subscribed to the channel, one to publish on (a subscribed
 * Redis connection can do nothing else). Both reconnect for as long as the channel is open; the subscriber
 * subscribes again after each reconnect and then reports it, so the caller can catch up on what it missed.
 */
import Redis from 'ioredis';
import type { Logger } from 'pino';
import {
  CONNECT_TIMEOUT_MS,
  MODEL_EVENTS_CHANNEL,
  MODEL_EVENTS_CLIENT_NAME,
  describeUrl,
  reconnectDelayMs,
  type ModelEventChannel,
  type ModelEventHandlers,
} from './model-event-channel';

export class RedisModelEventChannel implements ModelEventChannel {
  readonly description: string;
  private readonly subscriber: Redis;
  private readonly publisher: Redis;
  private subscribed = false;
  /** Announcements may have been missed: the first attempt failed, or the connection dropped. */
  private missedSome = false;
  private closed = false;

  constructor(
    url: string,
    private readonly logger: Logger,
    connectionName = MODEL_EVENTS_CLIENT_NAME,
  ) {
    this.description = describeUrl(url);
    const options = { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, retryStrategy: reconnectDelayMs, connectionName };
    // Subscribing again is done here (not by ioredis) so a reconnect is reported only once it is subscribed.
    this.subscriber = new Redis(url, { ...options, autoResubscribe: false, maxRetriesPerRequest: null });
    // A publish waits out one reconnect attempt, then fails: the change is on disk already and polling carries it.
    // Sending one twice is harmless (receivers only re-read the model).
    this.publisher = new Redis(url, { ...options, maxRetriesPerRequest: 1 });
    for (const connection of [this.subscriber, this.publisher]) {
      connection.on('error', (error: unknown) => this.logger.debug({ err: error, channel: this.description }, 'model events: Redis error'));
    }
  }

  start(handlers: ModelEventHandlers): Promise<void> {
    return new Promise((settle) => {
      this.subscriber.on('message', (channel: string, message: string) => {
        if (channel === MODEL_EVENTS_CHANNEL) handlers.onMessage(message);
      });
      this.subscriber.on('ready', () => void this.subscribe(handlers).finally(() => settle()));
      this.subscriber.on('close', () => this.lost());
      this.subscriber.connect().catch((error: unknown) => {
        this.missedSome = true;
        this.logger.warn(
          { err: error, channel: this.description },
          'model events: Redis unreachable; retrying, polling the model directory meanwhile',
        );
        settle();
      });
      this.publisher.connect().catch(() => undefined);
    });
  }

  private async subscribe(handlers: ModelEventHandlers): Promise<void> {
    try {
      await this.subscriber.subscribe(MODEL_EVENTS_CHANNEL);
    } catch (error) {
      // The connection dropped again before SUBSCRIBE answered; the next 'ready' tries anew.
      this.logger.debug({ err: error, channel: this.description }, 'model events: SUBSCRIBE failed');
      return;
    }
    this.subscribed = true;
    if (!this.missedSome) {
      this.logger.info({ channel: this.description }, 'model events: subscribed');
      return;
    }
    this.missedSome = false;
    this.logger.info({ channel: this.description }, 'model events: Redis is back, subscribed');
    handlers.onReconnect();
  }

  private lost(): void {
    if (!this.subscribed || this.closed) return;
    this.subscribed = false;
    this.missedSome = true;
    this.logger.warn(
      { channel: this.description },
      'model events: lost the Redis connection; reconnecting, polling the model directory meanwhile',
    );
  }

  async publish(text: string): Promise<void> {
    await this.publisher.publish(MODEL_EVENTS_CHANNEL, text);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
