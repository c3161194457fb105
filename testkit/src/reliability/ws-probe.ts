/**
 * A WebSocket client for the reliability tests: a real `ws` socket that keeps every frame it receives, so a test
 * can wait for the next one, send raw bytes (invalid UTF-8, binary frames) and see how the socket closed.
 */
import WebSocket from 'ws';

export interface Frame {
  action: string;
  message: unknown;
}

export class WsProbe {
  private readonly frames: Frame[] = [];
  private readonly waiters = new Set<() => void>();
  private read = 0;
  closeCode: number | undefined;
  closeReason: string | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = String(reason);
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /** Connects and waits for the `session` frame; `headers` may carry X-Session-ID. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<WsProbe> {
    const socket = new WebSocket(url, { headers, maxPayload: 64 * 1024 * 1024 });
    const probe = new WsProbe(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return probe;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(frame: string | Buffer, binary = false): void {
    this.socket.send(frame, { binary });
  }

  /** The next frame not read yet (skipping none); rejects after `timeoutMs` or when the socket closes first. */
  next(timeoutMs = 10_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const frame = this.frames[this.read];
        if (frame) {
          this.read += 1;
          done(() => resolve(frame));
        } else if (this.closeCode !== undefined) {
          done(() => reject(new Error(`socket closed (${this.closeCode}) before the next frame`)));
        }
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no frame within ${timeoutMs} ms`))), timeoutMs);
      const done = (settle: () => void): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Reads frames until one has `action`; returns it with the ones skipped. */
  async until(action: string, timeoutMs = 10_000): Promise<{ frame: Frame; skipped: Frame[] }> {
    const skipped: Frame[] = [];
    for (;;) {
      const frame = await this.next(timeoutMs);
      if (frame.action === action) return { frame, skipped };
      skipped.push(frame);
    }
  }

  /** Resolves with the close code once the socket closed (or undefined after `timeoutMs`). */
  closed(timeoutMs = 5_000): Promise<number | undefined> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.closeCode !== undefined) done();
      };
      const timer = setTimeout(() => done(), timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.closeCode);
      };
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.socket.terminate();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
