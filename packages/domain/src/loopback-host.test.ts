import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './loopback-host';

describe('isLoopbackHost', () => {
  it.each([
    '127.0.0.1',
    '127.0.0.2',
    '127.255.255.254',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    'localhost',
    'LOCALHOST',
    'app.localhost',
  ])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    '0.0.0.0',
    '::',
    '[::]',
    '10.0.0.5',
    '192.168.1.2',
    '128.0.0.1',
    '::ffff:10.0.0.1',
    '::2',
    'nlu',
    'example.com',
    'localhost.example.com',
    '',
  ])('%s is reachable from outside', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
