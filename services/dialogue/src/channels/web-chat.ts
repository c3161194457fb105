/**
 * Serves the web chat page (public/) at `/`, the dashboard at `/dashboard`, and every other file of that folder by its name: read once at
 * start, sent with the security headers and an ETag, so nothing comes from a CDN and a reload costs a 304.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type {} from '@fastify/swagger'; // its types let a route say `schema: { hide: true }`
import type { FastifyInstance } from 'fastify';
import { SECURITY_HEADERS } from './security-headers';

export interface WebChatOptions {
  /** The folder holding index.html and its assets. Default: the service's public/ folder. */
  publicDir?: string;
}

/** The same path from src/channels (tests) and dist/channels (the built service). */
const DEFAULT_PUBLIC_DIR = join(__dirname, '..', '..', 'public');

/** Files of other types are not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export async function registerWebChat(app: FastifyInstance, options: WebChatOptions = {}): Promise<void> {
  const dir = options.publicDir ?? DEFAULT_PUBLIC_DIR;
  const files = (await readdir(dir)).filter((file) => CONTENT_TYPES[extname(file)] !== undefined).sort();
  if (!files.includes('index.html')) throw new Error(`web chat: no index.html in ${dir}`);
  for (const file of files) {
    const body = await readFile(join(dir, file));
    // index.html is the chat at `/`; another page (dashboard.html) answers at its name without the extension.
    const route = file === 'index.html' ? '/' : extname(file) === '.html' ? `/${file.slice(0, -'.html'.length)}` : `/${file}`;
    serveFile(app, route, body, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
  }
}

/** Serves `body` at `route` with the security headers and an ETag (a matching If-None-Match gets a 304). */
export function serveFile(app: FastifyInstance, route: string, body: Buffer, type: string): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  // Hidden from the OpenAPI document: these are files, not API.
  app.get(route, { schema: { hide: true } }, async (request, reply) => {
    reply.headers(SECURITY_HEADERS).header('cache-control', 'no-cache').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(type).send(body);
  });
}
