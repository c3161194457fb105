/**
 * A TCP proxy in front of a real server (the NLU, PostgreSQL, Redis) that injects network faults: `down` cuts
 * every connection and refuses new ones, `hang` keeps connections open but holds every byte (a frozen or
 * partitioned server), `delay` forwards each chunk late, `pass` forwards again (held bytes go out in order). The
 * port stays the same across faults, so clients reconnect by themselves. Nothing is mocked: bytes reach the real
 * server, or do not.
 */
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type ProxyMode = { kind: 'pass' } | { kind: 'down' } | { kind: 'hang' } | { kind: 'delay'; ms: number };

interface Link {
  from: Socket;
  to: Socket;
  held: Buffer[];
}

export class FaultyProxy {
  private server: Server | undefined;
  private listenPort = 0;
  private mode: ProxyMode = { kind: 'pass' };
  private readonly links = new Set<Link>();

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  get port(): number {
    return this.listenPort;
  }

  get address(): string {
    return `127.0.0.1:${this.listenPort}`;
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.connect(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.listenPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async set(mode: ProxyMode): Promise<void> {
    const before = this.mode;
    this.mode = mode;
    if (mode.kind === 'down') await this.cut();
    else if (before.kind === 'down') await this.start();
    if (mode.kind === 'pass') for (const link of this.links) this.flush(link);
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private async cut(): Promise<void> {
    for (const link of this.links) {
      link.from.destroy();
      link.to.destroy();
    }
    this.links.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private connect(client: Socket): void {
    const upstream = createConnection(this.targetPort, this.targetHost);
    const links: Link[] = [
      { from: client, to: upstream, held: [] },
      { from: upstream, to: client, held: [] },
    ];
    for (const link of links) {
      this.links.add(link);
      link.from.on('data', (chunk: Buffer) => this.forward(link, chunk));
      link.from.on('error', () => undefined);
      link.from.on('close', () => {
        for (const each of links) {
          this.links.delete(each);
          each.to.destroy();
        }
      });
    }
  }

  private forward(link: Link, chunk: Buffer): void {
    link.held.push(chunk);
    const mode = this.mode;
    if (mode.kind === 'delay') setTimeout(() => this.sendThrough(link, chunk), mode.ms).unref();
    else if (mode.kind === 'pass') this.flush(link);
  }

  /**
   * A delayed chunk's time has come: it goes, after whatever the link still holds before it. A timer whose chunk
   * already went (a `pass` flushed it) sends nothing: sending "the oldest held" instead would let a chunk of a later
   * delay phase through early.
   */
  private sendThrough(link: Link, chunk: Buffer): void {
    if (this.mode.kind === 'hang') return;
    const index = link.held.indexOf(chunk);
    if (index < 0) return;
    for (const each of link.held.splice(0, index + 1)) if (!link.to.destroyed) link.to.write(each);
  }

  /** Sends everything a link holds, in order (after a hang). */
  private flush(link: Link): void {
    if (this.mode.kind === 'hang') return;
    while (link.held.length > 0) this.sendOldest(link);
  }

  private sendOldest(link: Link): void {
    if (this.mode.kind === 'hang') return;
    const chunk = link.held.shift();
    if (chunk && !link.to.destroyed) link.to.write(chunk);
  }
}
