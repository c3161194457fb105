/** JSON values: what session variables, parameter values and reply payloads may hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** True when `value` survives JSON.stringify/parse unchanged (no undefined, functions, NaN, class instances, cycles). */
export function isJsonValue(value: unknown, seen: Set<unknown> = new Set()): value is JsonValue {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (seen.has(value)) return false;
      seen.add(value);
      const ok = Array.isArray(value)
        ? value.every((item) => isJsonValue(item, seen))
        : Object.getPrototypeOf(value) === Object.prototype &&
          Object.values(value as object).every((item) => isJsonValue(item, seen));
      seen.delete(value);
      return ok;
    }
    default:
      return false;
  }
}
