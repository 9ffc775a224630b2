export * from './leaf/canonical-json';
export * from './leaf/event-leaf';
export * from './merkle/hashing';
export * from './merkle/tree-math';
export * from './merkle/memory-tree';
export * from './merkle/frontier';
export * from './merkle/proof-verification';
export * from './checkpoint/signed-checkpoint';
