export * from './test-database';
export * from './stalling-proxy';
export * from './openapi-contract';
export * from './free-port';
export * from './private-postgres';
export * from './private-redis';
