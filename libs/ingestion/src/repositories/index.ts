export * from './read-models';
export * from './review-candidates.repository';
