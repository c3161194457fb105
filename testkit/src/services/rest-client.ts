/** A tiny JSON client for the dialogue REST API in cross-service tests: fails loudly on an unexpected status. */
export class RestClient {
  constructor(readonly baseUrl: string) {}

  // `any`: the tests check the answers' shape with expect().
  async post(path: string, body: unknown, expected = 200): Promise<any> {
    return this.request('POST', path, body, expected);
  }

  async get(path: string, expected = 200): Promise<any> {
    return this.request('GET', path, undefined, expected);
  }

  private async request(method: string, path: string, body: unknown, expected: number): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${response.status} ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }
}
