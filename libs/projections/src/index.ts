// The projector engine: runs read models, rebuilds them beside the live version, reports status.
export * from './engine';

// Read models (projections, read queries, the read API and the worker module), under ./read-models/:
export * from './read-models';
