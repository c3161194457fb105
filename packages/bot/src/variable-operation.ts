/**
 * The operation of a `whenVariableMatchesOperation` transition: a comparison operator (BBF's operator.lt, …) or a
 * function. Comparing values of different kinds is false, as BBF's TypeError there counts as false.
 */
import type { JsonValue } from '@parley/domain';

const COMPARISON_OPERATORS = ['<', '<=', '==', '!=', '>=', '>'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
/** `value` is undefined when the variable is not set. */
export type OperationFunction = (value: JsonValue | undefined, target: JsonValue) => boolean | Promise<boolean>;
export type VariableOperation = ComparisonOperator | OperationFunction;

export function isVariableOperation(operation: unknown): operation is VariableOperation {
  return typeof operation === 'function' || COMPARISON_OPERATORS.includes(operation as ComparisonOperator);
}

/** How the transition log shows the operation: the operator, or the function's name. */
export function operationLabel(operation: VariableOperation): string {
  return typeof operation === 'function' ? operation.name || 'function' : operation;
}

export async function applyOperation(operation: VariableOperation, value: JsonValue | undefined, target: JsonValue): Promise<boolean> {
  if (typeof operation === 'function') return (await operation(value, target)) === true;
  if (operation === '==') return value !== undefined && jsonEqual(value, target);
  if (operation === '!=') return value === undefined || !jsonEqual(value, target);
  const comparable = (typeof value === 'number' && typeof target === 'number') || (typeof value === 'string' && typeof target === 'string');
  if (!comparable) return false;
  const [a, b] = [value, target] as [number | string, number | string];
  switch (operation) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '>':
      return a > b;
  }
}

/** Structural equality, so a list or object variable can be compared with a target literal. */
function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index] as JsonValue));
  }
  const objectA = a as Record<string, JsonValue>;
  const objectB = b as Record<string, JsonValue>;
  const keys = Object.keys(objectA);
  return (
    keys.length === Object.keys(objectB).length &&
    keys.every((key) => Object.hasOwn(objectB, key) && jsonEqual(objectA[key] as JsonValue, objectB[key] as JsonValue))
  );
}
