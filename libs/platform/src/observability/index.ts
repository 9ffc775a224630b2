export * from './metrics-registry';
export * from './metrics-server';
export * from './logger';
export * from './http-observability';
export * from './store-metrics';
export * from './trace-context';
export * from './observability.module';
