/** A tiny JSON client for the dialogue REST API in cross-service tests: fails loudly on an unexpected status. */
export class RestClient {
  /** `apiKey`: sent as X-API-Key, for a service with PARLEY_API_KEYS. */
  constructor(
    readonly baseUrl: string,
    private readonly apiKey?: string,
  ) {}

  // `any`: the tests check the answers' shape with expect().
  async post(path: string, body: unknown, expected = 200): Promise<any> {
    return this.request('POST', path, body, expected);
  }

  async get(path: string, expected = 200): Promise<any> {
    return this.request('GET', path, undefined, expected);
  }

  private async request(method: string, path: string, body: unknown, expected: number): Promise<unknown> {
    const headers: Record<string, string> = this.apiKey === undefined ? {} : { 'x-api-key': this.apiKey };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${response.status} ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  }
}
