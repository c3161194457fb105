/**
 * Turns untrusted input (a parsed JSON/YAML file or a wire message) into a valid BotDefinition, or throws
 * ParleyError INVALID_DEFINITION whose field is the path of the first offending value. A valid definition is one
 * the trainer accepts: its hyper-parameters are checked by the classifier's own rules.
 */
import {
  ALL_INTENTS_SCOPE,
  BASE_ENTITIES,
  BASE_ENTITY_PREFIX,
  FALLBACK_INTENT,
  ParleyError,
  type BotDefinition,
  type IntentDefinition,
} from '@parley/domain';
import type { z } from 'zod';
import { resolveHyperParameters } from '../model/hyper-parameters';
import { definitionSchema } from './definition-schema';
import { formatPath, type PathSegment } from './format-path';
import { snakeCaseProblems } from './snake-case-fields';

type ParsedDefinition = z.output<typeof definitionSchema>;

/** A problem found in a definition: where it is and what is wrong. */
export interface Problem {
  path: PathSegment[];
  message: string;
}

const MAX_REPORTED_PROBLEMS = 5;

export function parseDefinition(input: unknown): BotDefinition {
  const snakeCase = snakeCaseProblems(input);
  if (snakeCase.length > 0) throw definitionError(snakeCase);
  const result = definitionSchema.safeParse(input);
  const problems: Problem[] = result.success
    ? crossReferenceProblems(result.data)
    : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  if (problems.length > 0 || !result.success) throw definitionError(problems);
  // The classifier's own rules (names and ranges), so that a definition it would refuse fails here, not mid-training.
  resolveHyperParameters(result.data.config.hyperParameters);
  return toBotDefinition(result.data);
}

export function definitionError(problems: readonly Problem[]): ParleyError {
  const described = problems.slice(0, MAX_REPORTED_PROBLEMS).map((p) => `${formatPath(p.path) || 'definition'}: ${p.message}`);
  const more = problems.length > MAX_REPORTED_PROBLEMS ? ` (and ${problems.length - MAX_REPORTED_PROBLEMS} more)` : '';
  const field = formatPath(problems[0]?.path ?? []) || 'definition';
  return new ParleyError('INVALID_DEFINITION', `invalid definition: ${described.join('; ')}${more}`, { field });
}

function crossReferenceProblems(definition: ParsedDefinition): Problem[] {
  return [...duplicateNameProblems(definition), ...intentProblems(definition), ...scopeProblems(definition)];
}

function duplicates<T>(items: readonly T[], key: (item: T) => string, path: (index: number) => PathSegment[], what: string): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  items.forEach((item, index) => {
    const name = key(item);
    if (seen.has(name)) problems.push({ path: path(index), message: `duplicate ${what} "${name}"` });
    seen.add(name);
  });
  return problems;
}

function duplicateNameProblems(definition: ParsedDefinition): Problem[] {
  return [
    ...duplicates(
      definition.intents,
      (i) => i.name,
      (n) => ['intents', n, 'name'],
      'intent name',
    ),
    ...duplicates(
      definition.entities,
      (e) => e.name,
      (n) => ['entities', n, 'name'],
      'entity name',
    ),
    ...duplicates(
      definition.scopes,
      (s) => s.name,
      (n) => ['scopes', n, 'name'],
      'scope name',
    ),
    ...definition.intents.flatMap((intent, i) =>
      duplicates(
        intent.parameters,
        (p) => p.name,
        (n) => ['intents', i, 'parameters', n, 'name'],
        'parameter name',
      ),
    ),
  ];
}

function intentProblems(definition: ParsedDefinition): Problem[] {
  const entityNames = new Set(definition.entities.map((entity) => entity.name));
  const baseNames = new Set<string>(BASE_ENTITIES.map((kind) => `${BASE_ENTITY_PREFIX}${kind}`));
  const problems: Problem[] = [];
  definition.entities.forEach((entity, e) => {
    if (entity.name.startsWith(BASE_ENTITY_PREFIX)) {
      problems.push({ path: ['entities', e, 'name'], message: `"${BASE_ENTITY_PREFIX}" is reserved for base entities` });
    }
  });
  definition.intents.forEach((intent, i) => {
    if (intent.name === FALLBACK_INTENT) {
      problems.push({ path: ['intents', i, 'name'], message: `"${FALLBACK_INTENT}" is reserved` });
    }
    intent.parameters.forEach((parameter, p) => {
      const path = ['intents', i, 'parameters', p];
      if (!entityNames.has(parameter.entity) && !baseNames.has(parameter.entity)) {
        problems.push({
          path: [...path, 'entity'],
          message: `unknown entity "${parameter.entity}" (not a custom entity nor base.${BASE_ENTITIES.join('|base.')})`,
        });
      }
      if (!intent.trainingSentences.some((sentence) => sentence.includes(parameter.fragment))) {
        problems.push({
          path: [...path, 'fragment'],
          message: `fragment "${parameter.fragment}" appears in no training sentence of intent "${intent.name}"`,
        });
      }
    });
  });
  return problems;
}

function scopeProblems(definition: ParsedDefinition): Problem[] {
  const intentNames = new Set(definition.intents.map((intent) => intent.name));
  const problems: Problem[] = [];
  definition.scopes.forEach((scope, s) => {
    if (scope.name === ALL_INTENTS_SCOPE) {
      problems.push({ path: ['scopes', s, 'name'], message: `"${ALL_INTENTS_SCOPE}" is the built-in all-intents scope` });
    }
    scope.intents.forEach((name, n) => {
      if (!intentNames.has(name)) problems.push({ path: ['scopes', s, 'intents', n], message: `unknown intent "${name}"` });
    });
    problems.push(
      ...duplicates(
        scope.intents,
        (name) => name,
        (n) => ['scopes', s, 'intents', n],
        'intent',
      ),
    );
  });
  return problems;
}

/** Builds the domain object key by key, so optional fields are absent rather than undefined. */
function toBotDefinition(parsed: ParsedDefinition): BotDefinition {
  return {
    name: parsed.name,
    language: parsed.language,
    intents: parsed.intents.map((intent): IntentDefinition => ({
      name: intent.name,
      ...(intent.description === undefined ? {} : { description: intent.description }),
      trainingSentences: intent.trainingSentences,
      parameters: intent.parameters,
    })),
    entities: parsed.entities.map((entity) => ({
      name: entity.name,
      ...(entity.description === undefined ? {} : { description: entity.description }),
      entries: entity.entries,
    })),
    scopes: parsed.scopes,
    config: parsed.config,
  };
}
