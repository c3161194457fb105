// Reads a benchmark's command line with node:util parseArgs, strict (as the parley CLI does): an unknown option, a
// stray argument or a value the option does not take stops the bench with its usage line, rather than a run that
// measures something other than what was asked.
import { parseArgs } from 'node:util';

/**
 * `options` are parseArgs's option specs (string defaults for string options). Returns the parsed `values` and
 * `positionals`, and readers that check a value as they convert it.
 */
export function benchArgs(usage, options, { allowPositionals = false } = {}) {
  const fail = (message) => {
    console.error(`${message}\nusage: ${usage}`);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({ options, strict: true, allowPositionals });
  } catch (error) {
    fail(error.message);
  }
  const { values, positionals } = parsed;
  return {
    values,
    positionals,
    fail,
    /** A whole number ≥ `min`. */
    integer(name, min = 1) {
      const value = Number(values[name]);
      if (!Number.isInteger(value) || value < min) fail(`--${name} takes a whole number ≥ ${min}, not "${values[name]}"`);
      return value;
    },
    /** A finite number ≥ `min`. */
    number(name, min = 0) {
      const value = Number(values[name]);
      if (values[name] === '' || !Number.isFinite(value) || value < min) fail(`--${name} takes a number ≥ ${min}, not "${values[name]}"`);
      return value;
    },
    /** One of `choices`. */
    oneOf(name, choices) {
      if (!choices.includes(values[name])) fail(`--${name} takes one of ${choices.join(', ')}, not "${values[name]}"`);
      return values[name];
    },
    /** A comma-separated list of some of `choices`. */
    list(name, choices) {
      const items = values[name].split(',');
      const wrong = items.filter((item) => !choices.includes(item));
      if (items.length === 0 || wrong.length > 0) fail(`--${name} takes some of ${choices.join(',')}, not "${values[name]}"`);
      return items;
    },
  };
}
