export * from './personal-token';
export * from './key-ring';
export * from './subject-keys.repository';
export * from './personal-decider';
export * from './subject-erasure';
export * from './reveal-personal-data.interceptor';
