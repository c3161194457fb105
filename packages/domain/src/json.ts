/** JSON values: what session variables, parameter values and reply payloads may hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * How many arrays and objects may nest inside one another in a JsonValue. Far beyond any real payload, and it
 * bounds the stack every recursive walk (this check, JSON.stringify, a store's driver) needs: untrusted JSON
 * nested 100k levels deep parses fine but would overflow them.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when `value` survives JSON.stringify/parse unchanged (no undefined, functions, NaN, class instances, cycles)
 * and nests at most MAX_JSON_DEPTH levels deep.
 */
export function isJsonValue(value: unknown): value is JsonValue {
  return isJsonAt(value, 0, new Set());
}

/** `ancestors` holds the containers above `value`: one met again is a cycle, while a shared sibling is fine. */
function isJsonAt(value: unknown, depth: number, ancestors: Set<unknown>): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (depth >= MAX_JSON_DEPTH || ancestors.has(value)) return false;
      ancestors.add(value);
      const ok = Array.isArray(value)
        ? value.every((item) => isJsonAt(item, depth + 1, ancestors))
        : Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every((item) => isJsonAt(item, depth + 1, ancestors));
      ancestors.delete(value);
      return ok;
    }
    default:
      return false;
  }
}
