/**
 * The CLI's client of the dialogue service's REST API (PARLEY_DIALOGUE_URL, sending PARLEY_DIALOGUE_API_KEY when
 * set): services talk over the wire only, so the CLI reads what the dialogue service holds through its HTTP API,
 * never by importing it. An error answer becomes the ParleyError it names; no answer at all, DIALOGUE_UNAVAILABLE.
 */
import { errorCodeOf, ParleyError } from '@parley/domain';
import type { CliConfig } from '../config';

const TIMEOUT_MS = 30_000;

export async function getDialogueJson<T>(config: Pick<CliConfig, 'dialogueUrl' | 'dialogueApiKey'>, path: string): Promise<T> {
  const url = new URL(path, config.dialogueUrl);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (config.dialogueApiKey !== undefined) headers['authorization'] = `Bearer ${config.dialogueApiKey}`;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new ParleyError(
      'DIALOGUE_UNAVAILABLE',
      `the dialogue service at ${config.dialogueUrl} did not answer (${reason}); is it running? (PARLEY_DIALOGUE_URL)`,
    );
  }
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (response.ok && body !== undefined) return body as T;
  const code = errorCodeOf(body?.error?.code ?? '');
  const message = body?.error?.message ?? `the dialogue service answered ${response.status} ${response.statusText}`;
  if (code === 'UNAUTHENTICATED') throw new ParleyError(code, `${message} (set PARLEY_DIALOGUE_API_KEY)`);
  throw new ParleyError(code ?? (response.status >= 500 ? 'DIALOGUE_UNAVAILABLE' : 'INTERNAL'), message);
}
