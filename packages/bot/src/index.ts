export * from './turn';
