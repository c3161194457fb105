/**
 * A DNS server for tests, on UDP 127.0.0.1:0: answers A queries for the names it was given with addresses a test
 * changes at will (TTL 0), an empty answer for other record types and NXDOMAIN for other names. It stands in for
 * compose's or Kubernetes' DNS, which add and remove the addresses of a service's replicas; a client reaches it
 * through a gRPC target naming it as its DNS server, `dns://127.0.0.1:PORT/name:port`.
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import * as dnsPacket from 'dns-packet';

const NXDOMAIN = 3;

export class TestDnsServer {
  private readonly records = new Map<string, string[]>();
  private readonly socket = createSocket('udp4');
  port = 0;

  async start(): Promise<this> {
    this.socket.on('message', (message, peer) => this.answer(message, peer));
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    this.port = this.socket.address().port;
    return this;
  }

  /** The server address, as a gRPC target's authority or `Resolver.setServers` take it. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** From now on, `name` has these IPv4 addresses. */
  set(name: string, addresses: string[]): void {
    this.records.set(name.toLowerCase(), [...addresses]);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private answer(message: Buffer, peer: RemoteInfo): void {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: no answer
    }
    const question = query.questions?.[0];
    const addresses = question ? this.records.get(question.name.toLowerCase()) : undefined;
    const answers: dnsPacket.Answer[] =
      question?.type === 'A' && addresses ? addresses.map((data) => ({ type: 'A', name: question.name, ttl: 0, data })) : [];
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (addresses === undefined ? NXDOMAIN : 0),
      questions: query.questions ?? [],
      answers,
    });
    this.socket.send(response, peer.port, peer.address);
  }
}
