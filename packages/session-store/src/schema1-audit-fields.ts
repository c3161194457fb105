/**
 * The filterable fields of an audit row written by schema 1, which kept only `{kind, data, at}`: read from the
 * `data` the dialogue service wrote then (a prediction's scope, intent, score and fallback reason; a transition's
 * source). Every adapter's migration to schema 2 fills the new columns with it.
 */
import { FALLBACK_INTENT, type JsonObject } from '@parley/domain';
import type { AuditEntry } from './session-store';

export type AuditFields = Pick<AuditEntry, 'state' | 'intent' | 'score' | 'fallbackReason'>;

export function schema1AuditFields(kind: string, data: JsonObject): AuditFields {
  const text = (key: string): string | undefined => {
    const value = data[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const fields: AuditFields = {};
  if (kind === 'prediction') {
    assign(fields, 'state', text('scope'));
    assign(fields, 'intent', text('intent'));
    assign(fields, 'fallbackReason', text('fallbackReason'));
    // A fallback's score is 1 whatever the classifier thought (BBF's rule), and schema 1 kept no ranking: unknown.
    const score = data['score'];
    if (typeof score === 'number' && Number.isFinite(score) && fields.intent !== FALLBACK_INTENT) fields.score = score;
  } else if (kind === 'transition') {
    assign(fields, 'state', text('source'));
  }
  return fields;
}

function assign<K extends 'state' | 'intent' | 'fallbackReason'>(fields: AuditFields, key: K, value: string | undefined): void {
  if (value !== undefined) fields[key] = value;
}
