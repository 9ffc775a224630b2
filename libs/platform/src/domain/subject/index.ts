export * from './subject.events';
export * from './subject.decider';
