export { createFactledgerClient, FactledgerClient, ifMatch, type FactledgerClientOptions } from './factledger-client';
export { FactledgerProblem, type FieldProblem, type ProblemBody } from './problem';
export type { CsvPath, PagedPath, PageItem, ReadYourWritesPath } from './typed-paths';
export type { components, operations, paths } from './generated/openapi';
