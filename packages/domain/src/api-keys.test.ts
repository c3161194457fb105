import { describe, expect, it } from 'vitest';
import { ApiKeySet, bearerToken, splitApiKeys } from './api-keys';

const FIRST = 'first-key-0123456789';
const SECOND = 'second-key-abcdefghij';

describe('ApiKeySet', () => {
  const keys = new ApiKeySet([FIRST, SECOND]);

  it('names each configured key, differently, without revealing it', () => {
    const first = keys.identify(FIRST);
    const second = keys.identify(SECOND);
    expect(first).toMatch(/^key-[0-9a-f]{12}$/);
    expect(second).toMatch(/^key-[0-9a-f]{12}$/);
    expect(first).not.toBe(second);
    expect(`${first}${second}`).not.toContain('0123456789');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['one character short', FIRST.slice(0, -1)],
    ['one character more', `${FIRST}x`],
    ['in other case', FIRST.toUpperCase()],
    ['with a space around it', ` ${FIRST}`],
    ['two keys joined', `${FIRST},${SECOND}`],
    ['a prefix of the digest id', 'key-'],
  ])('refuses a key that is %s', (_name, candidate) => {
    expect(keys.identify(candidate)).toBeUndefined();
  });

  it('is disabled with no keys, and then accepts nothing', () => {
    const none = new ApiKeySet([]);
    expect(none.enabled).toBe(false);
    expect(none.identify(FIRST)).toBeUndefined();
    expect(keys.enabled).toBe(true);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['BEARER  abc ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    ['Bearer ', undefined],
    ['Bearer a b', undefined],
    ['abc', undefined],
    [undefined, undefined],
  ])('%j → %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('splitApiKeys', () => {
  it('splits on commas and drops blanks', () => {
    expect(splitApiKeys(` ${FIRST} ,, ${SECOND},`)).toEqual([FIRST, SECOND]);
  });
});
