/**
 * Model events over PostgreSQL LISTEN/NOTIFY: one dedicated connection LISTENs (reconnected after a drop, with
 * LISTEN issued again before the reconnect is reported), and a one-connection pool sends NOTIFY, so a publish
 * after an outage simply opens a new connection.
 */
import pg from 'pg';
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

export class PostgresModelEventChannel implements ModelEventChannel {
  readonly description: string;
  private readonly publisher: pg.Pool;
  private listener: pg.Client | undefined;
  private handlers: ModelEventHandlers | undefined;
  private failedAttempts = 0;
  /** Announcements may have been missed: an attempt failed, or the connection dropped. */
  private missedSome = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    private readonly connectionName = MODEL_EVENTS_CLIENT_NAME,
  ) {
    this.description = describeUrl(url);
    this.publisher = new pg.Pool({
      connectionString: url,
      application_name: connectionName,
      max: 1,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
    });
    this.publisher.on('error', (error) =>
      this.logger.debug({ err: error, channel: this.description }, 'model events: idle PostgreSQL connection failed'),
    );
  }

  async start(handlers: ModelEventHandlers): Promise<void> {
    this.handlers = handlers;
    await this.connect();
  }

  /** One attempt to connect and LISTEN; a failure schedules the next one. Never throws. */
  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: this.connectionName,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === MODEL_EVENTS_CHANNEL && message.payload !== undefined) this.handlers?.onMessage(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${MODEL_EVENTS_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      this.missedSome = true;
      if (this.failedAttempts === 0) {
        this.logger.warn(
          { err: error, channel: this.description },
          'model events: PostgreSQL unreachable; retrying, polling the model directory meanwhile',
        );
      }
      this.retry();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.failedAttempts = 0;
    if (!this.missedSome) {
      this.logger.info({ channel: this.description }, 'model events: listening');
      return;
    }
    this.missedSome = false;
    this.logger.info({ channel: this.description }, 'model events: PostgreSQL is back, listening');
    this.handlers?.onReconnect();
  }

  private lost(client: pg.Client, error?: Error): void {
    if (client !== this.listener) return;
    this.listener = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.missedSome = true;
    this.logger.warn(
      { err: error, channel: this.description },
      'model events: lost the PostgreSQL connection; reconnecting, polling the model directory meanwhile',
    );
    this.retry();
  }

  private retry(): void {
    if (this.closed) return;
    this.failedAttempts += 1;
    this.retryTimer = setTimeout(() => void this.connect(), reconnectDelayMs(this.failedAttempts));
  }

  async publish(text: string): Promise<void> {
    await this.publisher.query('select pg_notify($1, $2)', [MODEL_EVENTS_CHANNEL, text]);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const listener = this.listener;
    this.listener = undefined;
    listener?.removeAllListeners();
    listener?.on('error', () => undefined);
    await Promise.all([listener?.end().catch(() => undefined), this.publisher.end()]);
  }
}
