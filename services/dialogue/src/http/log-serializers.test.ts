import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './log-serializers';

describe('withoutSecrets', () => {
  it.each([
    ['/v1/ws?key=abc', '/v1/ws?key=[redacted]'],
    ['/v1/ws?KEY=abc', '/v1/ws?KEY=[redacted]'],
    ['/v1/ws?Key=abc&session_id=s1', '/v1/ws?Key=[redacted]&session_id=s1'],
    ['/x?api_key=abc', '/x?api_key=[redacted]'],
    ['/x?API-KEY=abc', '/x?API-KEY=[redacted]'],
    ['/x?apikey=abc', '/x?apikey=[redacted]'],
    ['/x?apiKey=abc', '/x?apiKey=[redacted]'],
    ['/x?x-api-key=abc', '/x?x-api-key=[redacted]'],
    ['/x?access_token=abc', '/x?access_token=[redacted]'],
    ['/x?ACCESS_TOKEN=abc', '/x?ACCESS_TOKEN=[redacted]'],
    ['/x?token=abc', '/x?token=[redacted]'],
    ['/x?id_token=abc&refresh_token=def', '/x?id_token=[redacted]&refresh_token=[redacted]'],
    ['/x?authorization=Bearer%20abc', '/x?authorization=[redacted]'],
    ['/x?auth=abc', '/x?auth=[redacted]'],
    ['/x?password=abc&passwd=d&pwd=e', '/x?password=[redacted]&passwd=[redacted]&pwd=[redacted]'],
    ['/x?client_secret=abc', '/x?client_secret=[redacted]'],
    ['/x?sig=abc&signature=def', '/x?sig=[redacted]&signature=[redacted]'],
    ['/x?%6Bey=abc', '/x?%6Bey=[redacted]'],
    ['/x?%4B%45%59=abc', '/x?%4B%45%59=[redacted]'],
    ['/x?a=1&key=abc&b=2', '/x?a=1&key=[redacted]&b=2'],
    ['/x?a=1;key=abc', '/x?a=1;key=[redacted]'],
    ['/x?key=abc&key=def', '/x?key=[redacted]&key=[redacted]'],
    ['/x?key=', '/x?key=[redacted]'],
    ['/x?key=a=b', '/x?key=[redacted]'],
  ])('%s → %s', (url, logged) => {
    expect(withoutSecrets(url)).toBe(logged);
  });

  it.each(['/v1/sessions/abc/history?offset=0&limit=10', '/v1/ws?session_id=abc', '/v1/sessions', '/x?', '/x?flag', '/x?%ZZ=1'])(
    'leaves %s as it is',
    (url) => {
      expect(withoutSecrets(url)).toBe(url);
    },
  );
});
