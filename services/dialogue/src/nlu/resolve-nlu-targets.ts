/**
 * Turns PARLEY_NLU_ADDRESS into one gRPC target per NLU replica address: `host:port` and `dns:[//server/]host:port`
 * names are looked up (through the system resolver, or the DNS server the target names, as gRPC's naming spec
 * says), IP literals and `ipv4:`/`ipv6:` lists are taken as they are, `unix:` targets whole. A name with IPv4
 * records gives those only: a replica listening on 0.0.0.0 is not reachable on the ::1 that `localhost` also has.
 */
import { lookup, Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface ResolvedTargets {
  /** `ipv4:10.0.0.5:50051`, `ipv6:[fd00::5]:50051` or a `unix:` target; sorted, without duplicates. */
  targets: string[];
  /** Why a name could not be looked up, one entry per such name. */
  errors: string[];
}

interface NameToResolve {
  host: string;
  port: string;
  /** The DNS server a `dns://server/host:port` target names. */
  server?: string;
}

/** Whether resolving again can give another answer (some address is a name, not a literal). */
export function hasNames(addresses: readonly string[]): boolean {
  return addresses.some((address) => {
    const parsed = parseAddress(address);
    return !Array.isArray(parsed) && isIP(parsed.host) === 0;
  });
}

export async function resolveNluTargets(addresses: readonly string[]): Promise<ResolvedTargets> {
  const targets = new Set<string>();
  const errors: string[] = [];
  await Promise.all(
    addresses.map(async (address) => {
      const parsed = parseAddress(address);
      if (Array.isArray(parsed)) {
        for (const target of parsed) targets.add(target);
        return;
      }
      try {
        for (const target of await resolveName(parsed)) targets.add(target);
      } catch (error) {
        errors.push(`${parsed.host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }),
  );
  return { targets: [...targets].sort(), errors };
}

/** Literal targets as they are, or the name to look up. */
function parseAddress(address: string): string[] | NameToResolve {
  if (/^unix(-abstract)?:/.test(address)) return [address];
  const list = /^(ipv4|ipv6):(.+)$/.exec(address);
  if (list) return (list[2] ?? '').split(',').map((entry) => `${list[1]}:${entry.trim()}`);
  const dns = /^dns:(?:\/\/([^/]*)\/)?(.+)$/.exec(address);
  const hostPort = dns ? (dns[2] ?? '') : address;
  const server = dns?.[1] || undefined;
  const split = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, split).replace(/^\[(.*)\]$/, '$1');
  const port = hostPort.slice(split + 1);
  if (isIP(host) !== 0) return [literal(host, port)];
  return server === undefined ? { host, port } : { host, port, server };
}

async function resolveName({ host, port, server }: NameToResolve): Promise<string[]> {
  let records: Array<{ address: string; family: number }>;
  if (server === undefined) {
    records = await lookup(host, { all: true });
  } else {
    const resolver = new Resolver({ timeout: 1_000, tries: 2 });
    resolver.setServers([server]);
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    if (v4.status === 'rejected' && v6.status === 'rejected') throw v4.reason;
    records = [
      ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ];
  }
  const v4 = records.filter((record) => record.family === 4);
  return (v4.length > 0 ? v4 : records).map((record) => literal(record.address, port));
}

function literal(host: string, port: string): string {
  return isIP(host) === 6 ? `ipv6:[${host}]:${port}` : `ipv4:${host}:${port}`;
}
