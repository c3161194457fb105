/** Picks the model event channel a PARLEY_MODEL_EVENTS_URL names: redis(s):// → Redis, postgres(ql):// → PostgreSQL. */
import type { Logger } from 'pino';
import type { ModelEventChannel } from './model-event-channel';
import { PostgresModelEventChannel } from './postgres-model-event-channel';
import { RedisModelEventChannel } from './redis-model-event-channel';

/** Connects nothing yet: the channel connects when started. `connectionName` names its connections to the server. */
export function openModelEventChannel(url: string, logger: Logger, connectionName?: string): ModelEventChannel {
  const scheme = new URL(url).protocol;
  if (scheme === 'redis:' || scheme === 'rediss:') return new RedisModelEventChannel(url, logger, connectionName);
  if (scheme === 'postgres:' || scheme === 'postgresql:') return new PostgresModelEventChannel(url, logger, connectionName);
  throw new Error(`model events URL must start with redis://, rediss://, postgres:// or postgresql://, not ${scheme}//`);
}
