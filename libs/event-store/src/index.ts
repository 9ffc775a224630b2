export * from './event-store.types';
export * from './event-store.errors';
export * from './event-store.table';
export * from './event-store';
export * from './events.repository';
export * from './checkpoint';
export * from './append-notifications';
export * from './command-path';
