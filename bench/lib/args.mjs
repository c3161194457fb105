// Reads `--name value` options of a benchmark command.
const args = process.argv.slice(2);

export const flag = (name) => args.includes(`--${name}`);

export function option(name, fallback) {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
}
