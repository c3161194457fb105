/** Writes a validation path the way authors read it: `intents[2].parameters[0].entity`. */
export type PathSegment = string | number | symbol;

export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const name = String(segment);
    return text === '' ? name : `${text}.${name}`;
  }, '');
}
