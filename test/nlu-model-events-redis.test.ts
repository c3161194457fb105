/** NLU replicas announcing model changes to each other over the machine's real Redis (pub/sub). */
import Redis from 'ioredis';
import { unreachableReason } from '@parley/testkit/session-store/server-gate';
import { pingRedis, REDIS_URL } from '@parley/testkit/services/backends';
import { describeModelEventsContract } from '@parley/testkit/services/model-events-contract';
import { missingBuild } from '@parley/testkit/services/service-process';

async function connectionsNamed(name: string): Promise<number> {
  const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 0 });
  try {
    const clients = (await admin.client('LIST')) as string;
    return clients.split('\n').filter((line) => line.split(' ').includes(`name=${name}`)).length;
  } finally {
    admin.disconnect();
  }
}

describeModelEventsContract({
  name: 'Redis',
  url: REDIS_URL,
  unreachable: missingBuild() ?? (await unreachableReason(pingRedis)),
  connectionsNamed,
});
