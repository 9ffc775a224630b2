import type { LedgerEvent } from '@factledger/ledger-domain';
import { assertNever } from '@factledger/shared';
import { METRIC_KIND, REPORT_KIND, SOURCE_KIND, type AnyCatalogKind } from './catalog-rows';

/** What one ledger event does to the catalog: registers or updates one entity with the fields it carries. */
export interface CatalogChange {
  kind: AnyCatalogKind;
  change: 'registered' | 'updated';
  key: string;
  /** The event's data: fields it leaves out (an update's unchanged ones) keep their values. */
  data: object;
}

/** Every ledger event type is decided here: a new one does not compile until it is. */
export function catalogChangeOf(event: LedgerEvent | null): CatalogChange | null {
  if (event === null) return null; // not a ledger event (API keys, review decisions): it only took a seq
  switch (event.type) {
    case 'metric.registered.v1':
      return { kind: METRIC_KIND, change: 'registered', key: event.data.key, data: event.data };
    case 'metric.updated.v1':
      return { kind: METRIC_KIND, change: 'updated', key: event.data.key, data: event.data };
    case 'source.registered.v1':
      return { kind: SOURCE_KIND, change: 'registered', key: event.data.sourceId, data: event.data };
    case 'source.updated.v1':
      return { kind: SOURCE_KIND, change: 'updated', key: event.data.sourceId, data: event.data };
    case 'report.registered.v2':
      return { kind: REPORT_KIND, change: 'registered', key: event.data.reportId, data: event.data };
    case 'report.updated.v1':
      return { kind: REPORT_KIND, change: 'updated', key: event.data.reportId, data: event.data };
    case 'figure.reported.v1': // figures are the figures model's
    case 'figure.revised.v1':
    case 'figure.corroborated.v1':
    case 'figure.retracted.v1':
      return null;
    default:
      return assertNever(event, 'ledger event');
  }
}
