export * from './json';
export * from './bot-definition';
export * from './prediction';
export * from './errors';
export * from './api-keys';
export * from './reply';
export * from './blank-text';
export * from './loopback-host';
