/**
 * FNV-1a, 32 bits: turns a feature string into the key the vocabulary and the artifact store. The step form lets
 * the extractor hash n-grams incrementally, without building their strings.
 */
export const FNV_OFFSET = 0x811c9dc5;

export function hashStep(hash: number, charCode: number): number {
  return Math.imul(hash ^ charCode, 0x01000193);
}

export function hashString(text: string, hash: number = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
}

export function featureHash(text: string): number {
  return hashString(text) >>> 0;
}
