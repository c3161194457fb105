/**
 * The zod schema of a bot definition as authors write it (JSON or YAML, camelCase): shapes, types and ranges.
 * Cross-references (unknown intents, entities, fragments) are checked afterwards by parseDefinition.
 */
import { z } from 'zod';
import { DEFAULT_NLU_CONFIG, ENCODER_CHOICES, MODEL_ID_PATTERN, MODEL_ID_RULE } from '@parley/domain';
import { wordTokens } from '../text/word-tokens';

export { MODEL_ID_PATTERN };

const nonBlank = z.string().trim().min(1, 'must not be empty');

/** A sentence the classifier can learn from: punctuation or symbols alone leave it no word to see. */
const trainingSentence = nonBlank.refine((sentence) => wordTokens(sentence).length > 0, 'has no words (letters or digits) to learn from');

const optionalDescription = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value));

const parameterSchema = z.strictObject({
  name: nonBlank,
  fragment: nonBlank,
  entity: nonBlank,
});

const intentSchema = z.strictObject({
  name: nonBlank,
  description: optionalDescription,
  trainingSentences: z.array(trainingSentence).min(1, 'needs at least one training sentence'),
  parameters: z.array(parameterSchema).default([]),
});

const entitySchema = z.strictObject({
  name: nonBlank,
  description: optionalDescription,
  entries: z.array(z.strictObject({ value: nonBlank, synonyms: z.array(nonBlank).default([]) })).min(1, 'needs at least one entry'),
});

const scopeSchema = z.strictObject({
  name: nonBlank,
  intents: z.array(nonBlank),
});

function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const configSchema = z.strictObject({
  threshold: z.number().min(0).max(1).optional(),
  encoder: z.enum(ENCODER_CHOICES).default(DEFAULT_NLU_CONFIG.encoder),
  ambiguityMargin: z.number().min(0).max(1).default(DEFAULT_NLU_CONFIG.ambiguityMargin),
  seed: z.number().int().min(0).max(0xffff_ffff).default(DEFAULT_NLU_CONFIG.seed),
  timezone: z
    .string()
    .default(DEFAULT_NLU_CONFIG.timezone)
    .transform((value) => (value.trim() === '' ? DEFAULT_NLU_CONFIG.timezone : value))
    .refine(isTimezone, 'must be an IANA timezone such as Europe/Paris'),
  hyperParameters: z.record(z.string(), z.number().refine(Number.isFinite, 'must be a finite number')).default({}),
});

export const definitionSchema = z.strictObject({
  name: z.string().regex(MODEL_ID_PATTERN, `must be ${MODEL_ID_RULE}`),
  language: z
    .string()
    .default('en')
    .transform((value) => (value.trim() === '' ? 'en' : value.trim().toLowerCase()))
    .refine((value) => /^[a-z]{2}$/.test(value), 'must be an ISO 639-1 code such as en'),
  intents: z.array(intentSchema).min(1, 'needs at least one intent'),
  entities: z.array(entitySchema).default([]),
  scopes: z.array(scopeSchema).default([]),
  config: configSchema.prefault({}),
});
