import { describe, expect, it } from 'vitest';
import { applyOperation, isVariableOperation, operationLabel } from './variable-operation';

describe('applyOperation', () => {
  it('compares numbers and strings with the ordering operators', async () => {
    expect(await applyOperation('<', 2, 10)).toBe(true);
    expect(await applyOperation('<', 'b', 'a')).toBe(false);
    expect(await applyOperation('>=', 'b', 'b')).toBe(true);
  });

  it('is false when the kinds differ or the variable is not set, as BBF counts its TypeError', async () => {
    expect(await applyOperation('<', '2', 10)).toBe(false);
    expect(await applyOperation('>', undefined, 0)).toBe(false);
    expect(await applyOperation('<=', null, 0)).toBe(false);
    expect(await applyOperation('==', undefined, null)).toBe(false);
    expect(await applyOperation('!=', undefined, 1)).toBe(true);
  });

  it('compares lists and objects structurally', async () => {
    expect(await applyOperation('==', { a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(await applyOperation('==', { a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(await applyOperation('==', [1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(await applyOperation('!=', [1, 2], [2, 1])).toBe(true);
  });

  it('calls a function with the value and the target; only true fires', async () => {
    expect(await applyOperation((value, target) => value === target, 'x', 'x')).toBe(true);
    expect(await applyOperation(() => 'yes' as unknown as boolean, 1, 1)).toBe(false);
  });

  it('knows the operators and labels functions by name', () => {
    expect(isVariableOperation('!=')).toBe(true);
    expect(isVariableOperation('=')).toBe(false);
    expect(
      operationLabel(function isAdult() {
        return true;
      }),
    ).toBe('isAdult');
  });
});
