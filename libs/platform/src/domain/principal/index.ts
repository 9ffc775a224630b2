export * from './roles';
export * from './principal.events';
export * from './principal.decider';
