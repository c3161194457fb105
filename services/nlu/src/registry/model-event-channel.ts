/**
 * The announcement channel replicas share (Redis pub/sub or PostgreSQL LISTEN/NOTIFY): what ModelEvents needs
 * of either, and the reconnect pacing both use. A channel reconnects by itself for as long as it is open.
 */

export interface ModelEventHandlers {
  onMessage(text: string): void;
  /** Subscribed again after the connection dropped: messages sent meanwhile were missed. */
  onReconnect(): void;
}

export interface ModelEventChannel {
  /** Where it connects, password hidden: for logs. */
  readonly description: string;
  /** Connects and subscribes. Settles after the first attempt; a failed one is logged and retried. */
  start(handlers: ModelEventHandlers): Promise<void>;
  /** Rejects when the server cannot be reached now (the message is not queued for later). */
  publish(text: string): Promise<void>;
  close(): Promise<void>;
}

/** The URL schemes PARLEY_MODEL_EVENTS_URL may use: Redis pub/sub or PostgreSQL LISTEN/NOTIFY. */
export const MODEL_EVENT_URL_SCHEMES: readonly string[] = ['redis:', 'rediss:', 'postgres:', 'postgresql:'];

/** How the channel's connections name themselves to the server (Redis CLIENT LIST, pg_stat_activity). */
export const MODEL_EVENTS_CLIENT_NAME = 'parley-nlu-model-events';

/** Redis channel and PostgreSQL NOTIFY channel name. */
export const MODEL_EVENTS_CHANNEL = 'parley_model_events';

export const CONNECT_TIMEOUT_MS = 2_000;

/** Waits before reconnect attempt n (1, 2, …): quick at first, then every 2 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** (attempt - 1), 2_000);
}

/** The URL with its password replaced, fit for a log line. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
