export * from './session-store';
export { AUDIT_KINDS, MAX_AUDIT_PAGE } from './audit-query';
export * from './session-conflict-error';
export * from './create-session-store';
export * from './memory-session-store';
export * from './sqlite-session-store';
export * from './redis-session-store';
export * from './postgres-session-store';
export * from './keyed-queue';
