export * from './read-models';
export * from './catalog.repository';
export * from './figures.repository';
export * from './review-candidates.repository';
