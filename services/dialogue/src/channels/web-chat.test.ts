import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerWebChat } from './web-chat';
import { CONTENT_SECURITY_POLICY } from './security-headers';

let app: FastifyInstance | undefined;

async function chatApp(): Promise<FastifyInstance> {
  app = Fastify();
  await registerWebChat(app);
  return app;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('registerWebChat', () => {
  it('serves the page at / with a strict CSP and the other security headers', async () => {
    const response = await (await chatApp()).inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    expect(response.body).toContain('<script type="module" src="chat.js"></script>');
  });

  it('has no inline script, inline style or remote URL in the page, so the CSP can stay strict', async () => {
    const page = (await (await chatApp()).inject({ method: 'GET', url: '/' })).body;
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('serves each asset of public/ with its type, and nothing outside that list', async () => {
    const chat = await chatApp();
    for (const [url, type] of [
      ['/chat.js', 'text/javascript; charset=utf-8'],
      ['/markdown.js', 'text/javascript; charset=utf-8'],
      ['/chat.css', 'text/css; charset=utf-8'],
      ['/favicon.svg', 'image/svg+xml'],
    ]) {
      const response = await chat.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toBe(type);
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
    for (const url of ['/index.html', '/../package.json', '/chat.js.map', '/README.md']) {
      expect((await chat.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const chat = await chatApp();
    const first = await chat.inject({ method: 'GET', url: '/chat.js' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await chat.inject({ method: 'GET', url: '/chat.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await chat.inject({ method: 'GET', url: '/chat.js', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('fails at start when the folder has no index.html', async () => {
    app = Fastify();
    await expect(registerWebChat(app, { publicDir: __dirname })).rejects.toThrow(/index\.html/);
  });
});
