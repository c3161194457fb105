/**
 * How requests appear in the log: fastify's own fields, with the value of every query parameter that can carry a
 * secret replaced, so no key is ever written to a log. The browser's WebSocket sends its API key as `?key=` (see
 * require-api-key.ts), and clients send keys and tokens under many other names (`?KEY=`, `?api_key=`, `?apikey=`,
 * `?access_token=`, `?X-Api-Key=`, percent-encoded or not): a name is secret when, lower-cased and with everything
 * but letters and digits removed (and decoded first), it contains one of SECRET_PARTS or is one of SECRET_NAMES.
 * Redacting a harmless parameter by mistake costs a log line's detail; missing one leaks a key.
 */
import type { FastifyRequest } from 'fastify';

const SECRET_PARTS = ['key', 'token', 'secret', 'passw', 'pwd', 'auth', 'credential', 'signature', 'cookie', 'jwt'];
const SECRET_NAMES = new Set(['sig', 'code', 'pin', 'otp']);
const REDACTED = '[redacted]';

/** `url` with the value of each secret query parameter replaced by [redacted]. */
export function withoutSecrets(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url.slice(start + 1).replace(/[^&;=]+(?==|[&;]|$)(=[^&;]*)?/g, (parameter) => {
    const split = parameter.indexOf('=');
    if (split < 0) return parameter;
    const name = parameter.slice(0, split);
    return isSecretName(name) ? `${name}=${REDACTED}` : parameter;
  });
  return `${url.slice(0, start)}?${query}`;
}

function isSecretName(name: string): boolean {
  const plain = decodeName(name)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return SECRET_NAMES.has(plain) || SECRET_PARTS.some((part) => plain.includes(part));
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name; // not valid percent-encoding: judged as it is
  }
}

export const LOG_SERIALIZERS = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: withoutSecrets(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};
