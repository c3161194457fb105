/**
 * The CLI's client of the dialogue service's REST API (PARLEY_DIALOGUE_URL, sending PARLEY_DIALOGUE_API_KEY when
 * set): services talk over the wire only, so the CLI reads what the dialogue service holds through its HTTP API,
 * never by importing it. An error answer becomes the ParleyError it names; no answer at all, DIALOGUE_UNAVAILABLE.
 */
import { errorCodeOf, ParleyError } from '@parley/domain';
import type { CliConfig } from '../config';

const TIMEOUT_MS = 30_000;

/** GETs `path`, or POSTs `body` to it as JSON when one is given; resolves with the answer's JSON. */
export async function dialogueJson<T>(config: Pick<CliConfig, 'dialogueUrl' | 'dialogueApiKey'>, path: string, body?: unknown): Promise<T> {
  const url = new URL(path, config.dialogueUrl);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (config.dialogueApiKey !== undefined) headers['authorization'] = `Bearer ${config.dialogueApiKey}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      headers,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      ...(body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }),
    });
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new ParleyError(
      'DIALOGUE_UNAVAILABLE',
      `the dialogue service at ${config.dialogueUrl} did not answer (${reason}); is it running? (PARLEY_DIALOGUE_URL)`,
    );
  }
  const answer = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (response.ok && answer !== undefined) return answer as T;
  const code = errorCodeOf(answer?.error?.code ?? '');
  const message = answer?.error?.message ?? `the dialogue service answered ${response.status} ${response.statusText}`;
  if (code === 'UNAUTHENTICATED') throw new ParleyError(code, `${message} (set PARLEY_DIALOGUE_API_KEY)`);
  throw new ParleyError(code ?? (response.status >= 500 ? 'DIALOGUE_UNAVAILABLE' : 'INTERNAL'), message);
}
