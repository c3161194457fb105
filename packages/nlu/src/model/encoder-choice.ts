/**
 * Whether a model uses a sentence encoder beside its n-gram bag. "auto" turns it on for English whenever this process
 * can run one: it raised accuracy at every phrase count measured, 5 to 100 per intent (packages/nlu/README.md), and
 * the only encoder shipped (USE-lite) is English-only. "none" keeps the bag alone; "use-lite" demands the encoder.
 */
import { ParleyError, type BotDefinition } from '@parley/domain';
import { NO_ENCODER, type SentenceEncoder } from '../api';

export function encoderFor(definition: BotDefinition, available: SentenceEncoder | undefined): SentenceEncoder | undefined {
  switch (definition.config.encoder) {
    case 'none':
      return undefined;
    case 'use-lite':
      if (available === undefined) {
        throw new ParleyError('ENCODER_UNAVAILABLE', 'config.encoder "use-lite" needs the sentence encoder, which this NLU cannot run', {
          field: 'config.encoder',
        });
      }
      return available;
    default:
      return definition.language === 'en' ? available : undefined;
  }
}

/** The identity a model trained from this definition here records: the encoder's, or NO_ENCODER. */
export function encoderIdentityFor(definition: BotDefinition, available: SentenceEncoder | undefined): string {
  return encoderFor(definition, available)?.identity ?? NO_ENCODER;
}
