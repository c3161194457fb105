export * from './session-store';
export * from './session-conflict-error';
export * from './create-session-store';
export * from './memory-session-store';
export * from './sqlite-session-store';
export * from './redis-session-store';
export * from './postgres-session-store';
export * from './keyed-queue';
export { isPostgresUnavailable } from './postgres-call';
