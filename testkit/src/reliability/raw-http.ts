/**
 * HTTP/1.1 over a bare TCP socket, for what a well-behaved client (fetch, inject) never sends: malformed request
 * lines and headers, oversized headers, and bytes trickled with pauses between them. Reads one response (by its
 * Content-Length, or until the server closes) and says whether the server closed the connection.
 */
import { connect } from 'node:net';

/** A piece to write, or a pause (ms) before the next piece. */
export type RawPiece = string | Buffer | { waitMs: number };

export interface RawResponse {
  /** 0 when the server answered nothing. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection after its answer (or without one). */
  closed: boolean;
  /** When the status line arrived, from the first byte written. */
  elapsedMs: number;
}

const CLOSE_WAIT_MS = 100;

/** `head`: the answer to a HEAD request, which has no body whatever its Content-Length says. */
export function rawExchange(port: number, pieces: RawPiece[], timeoutMs = 15_000, head = false): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const started = Date.now();
    let received = Buffer.alloc(0);
    let answeredAt = 0;
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseResponse(received), closed, elapsedMs: answeredAt === 0 ? Date.now() - started : answeredAt - started });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      if (answeredAt === 0) answeredAt = Date.now();
      received = Buffer.concat([received, chunk]);
      // A server that closes after its answer does so at once: wait a moment for the FIN before saying it did not.
      if (isComplete(received, head)) setTimeout(() => finish(socket.readableEnded || socket.destroyed), CLOSE_WAIT_MS);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => void write(pieces));

    async function write(rest: RawPiece[]): Promise<void> {
      for (const piece of rest) {
        if (done || socket.destroyed) return;
        if (typeof piece === 'object' && !Buffer.isBuffer(piece)) await new Promise((wait) => setTimeout(wait, piece.waitMs));
        else socket.write(piece);
      }
    }
  });
}

function splitHead(bytes: Buffer): { head: string; body: Buffer } | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  return end < 0 ? undefined : { head: bytes.subarray(0, end).toString('latin1'), body: bytes.subarray(end + 4) };
}

function isComplete(bytes: Buffer, head: boolean): boolean {
  const parts = splitHead(bytes);
  if (!parts) return false;
  if (head) return true;
  const length = /\r\ncontent-length: *(\d+)/i.exec(parts.head);
  return length !== null && parts.body.length >= Number(length[1]);
}

function parseResponse(bytes: Buffer): { status: number; headers: Record<string, string>; body: string } {
  const parts = splitHead(bytes);
  if (!parts) return { status: 0, headers: {}, body: bytes.toString('utf8') };
  const [statusLine = '', ...lines] = parts.head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: parts.body.toString('utf8') };
}
