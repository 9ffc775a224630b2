/**
 * Every ledger command has the same envelope: a type, the caller's data and
 * the time it is decided at. `now` (ISO-8601) travels with the command so
 * decide stays pure; commands that need other aggregates' state add `refs`.
 */
export interface LedgerCommand<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly now: string;
}
