/**
 * Entity placeholders: the token that stands for an entity value in the text the classifier sees, in training
 * sentences and user text alike ("weather in ENT_CITY"). Upper case, ASCII and joined by "_", so the text pipeline
 * can keep it as one token that is neither lowercased nor stemmed, and lowercased user words can never forge one.
 */
/** Every placeholder starts with this: a cheap test for whether a text may hold one. */
export const PLACEHOLDER_PREFIX = 'ENT_';

/** Source of a RegExp matching exactly the strings placeholderFor returns. */
export const PLACEHOLDER_SOURCE = 'ENT_[A-Z0-9]+(?:_[A-Z0-9]+)*';
const WHOLE = new RegExp(`^${PLACEHOLDER_SOURCE}$`);
const MARKS = /\p{M}/gu;

/** "city" → "ENT_CITY", "base.number" → "ENT_BASE_NUMBER"; other scripts are spelt as code points. */
export function placeholderFor(entity: string): string {
  const parts: string[] = [];
  let part = '';
  for (const char of entity.normalize('NFKD').replace(MARKS, '').toUpperCase()) {
    if (/[A-Z0-9]/.test(char)) part += char;
    else if (/[\p{L}\p{N}]/u.test(char)) part += `X${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}`;
    else if (part !== '') {
      parts.push(part);
      part = '';
    }
  }
  if (part !== '') parts.push(part);
  return PLACEHOLDER_PREFIX + (parts.length === 0 ? 'ENTITY' : parts.join('_'));
}

export function isPlaceholder(token: string): boolean {
  return WHOLE.test(token);
}
