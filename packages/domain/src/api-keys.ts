/**
 * API keys, shared by the dialogue service (REST, WebSocket) and the NLU service (gRPC): the list a service is
 * configured with, the `Bearer` credential that carries one, and the constant-time check of a presented key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Shorter keys are refused at start-up: a key must be hard to guess. */
export const MIN_API_KEY_LENGTH = 16;

/** A comma-separated list of keys (blanks around the commas ignored). */
export function splitApiKeys(value: string): string[] {
  return value
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

/** The credential of an `Authorization: Bearer <key>` value (the scheme in any case, per RFC 7235), else undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return match?.[1];
}

/**
 * The keys a service accepts. A presented key is hashed and its SHA-256 digest compared with every configured
 * key's digest through crypto.timingSafeEqual, all of them each time: the time taken tells neither how much of a
 * key matched, nor its length, nor which key it was.
 */
export class ApiKeySet {
  readonly #digests: Array<{ digest: Buffer; id: string }>;

  constructor(keys: readonly string[]) {
    this.#digests = keys.map((key) => {
      const digest = sha256(key);
      return { digest, id: `key-${digest.toString('hex').slice(0, 12)}` };
    });
  }

  /** False when no key is configured: the service is open. */
  get enabled(): boolean {
    return this.#digests.length > 0;
  }

  /**
   * A name for the matching key that reveals nothing of it (for rate limits and logs), or undefined when the
   * candidate is missing or matches none.
   */
  identify(candidate: string | undefined): string | undefined {
    if (candidate === undefined) return undefined;
    const presented = sha256(candidate);
    let found: string | undefined;
    for (const { digest, id } of this.#digests) {
      if (timingSafeEqual(presented, digest) && found === undefined) found = id;
    }
    return found;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
