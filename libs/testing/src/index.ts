export * from './test-database';
export * from './stalling-proxy';
export * from './openapi-contract';
