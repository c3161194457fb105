/**
 * What the sentence encoder reads. It was pretrained on plain sentences, so entity placeholders become the entity's
 * words ("weather in ENT_CITY" → "weather in city"), in training sentences and user text alike; each intent also
 * teaches the encoder's classifier its own phrase: the description, else the name in words ("transfer_money").
 */
import type { IntentDefinition } from '@parley/domain';
import { PLACEHOLDER_PREFIX, PLACEHOLDER_SOURCE } from '../text/placeholder';

const PLACEHOLDERS = new RegExp(PLACEHOLDER_SOURCE, 'g');

export function encoderTextOf(recognizedText: string): string {
  if (!recognizedText.includes(PLACEHOLDER_PREFIX)) return recognizedText;
  return recognizedText.replace(PLACEHOLDERS, (placeholder) =>
    placeholder.slice(PLACEHOLDER_PREFIX.length).toLowerCase().replace(/_/g, ' '),
  );
}

export function intentPhrase(intent: IntentDefinition): string {
  const description = intent.description?.trim();
  if (description) return description;
  return intent.name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.:/]+/g, ' ')
    .trim()
    .toLowerCase();
}
