import { describe, expect, it } from 'vitest';
import { isJsonValue, MAX_JSON_DEPTH } from './json';

/** `levels` arrays inside one another around a 1: [[1]] is 2 levels. */
function nestedArrays(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level += 1) value = [value];
  return value;
}

/** `levels` objects inside one another: {"a": {"a": 1}} is 2 levels. */
function nestedObjects(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level += 1) value = { a: value };
  return value;
}

describe('isJsonValue', () => {
  it.each([
    ['null', null],
    ['a string', 'text'],
    ['a boolean', false],
    ['a number', -1.5],
    ['an array', [1, 'a', null, [true]]],
    ['an object', { a: { b: [1, { c: 'd' }] } }],
    ['an object with a "__proto__" own key', JSON.parse('{"__proto__": 1}') as unknown],
  ])('accepts %s', (_name, value) => {
    expect(isJsonValue(value)).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['a function', () => 1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a bigint', 1n],
    ['a symbol', Symbol('s')],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['an object without a prototype', Object.create(null) as unknown],
    ['undefined inside an object', { a: undefined }],
    ['NaN inside an array', [1, Number.NaN]],
  ])('refuses %s', (_name, value) => {
    expect(isJsonValue(value)).toBe(false);
  });

  it('refuses a cycle, but accepts the same value reached twice', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(isJsonValue(cycle)).toBe(false);
    const shared = { x: 1 };
    expect(isJsonValue({ a: shared, b: [shared, shared] })).toBe(true);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more`, () => {
    expect(isJsonValue(nestedArrays(MAX_JSON_DEPTH))).toBe(true);
    expect(isJsonValue(nestedObjects(MAX_JSON_DEPTH))).toBe(true);
    expect(isJsonValue(nestedArrays(MAX_JSON_DEPTH + 1))).toBe(false);
    expect(isJsonValue(nestedObjects(MAX_JSON_DEPTH + 1))).toBe(false);
  });

  it('answers false, without overflowing the stack, for JSON nested 200k levels deep', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    expect(isJsonValue(deep)).toBe(false);
    expect(isJsonValue({ params: nestedObjects(200_000) })).toBe(false);
  });
});
