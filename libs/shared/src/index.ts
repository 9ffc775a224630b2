export * from './domain-error';
export * from './decider';
export * from './event';
export * from './input-bounds';
export * from './upcast';
export * from './canonical-json';
