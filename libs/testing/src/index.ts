export * from './test-database';
export * from './stalling-proxy';
