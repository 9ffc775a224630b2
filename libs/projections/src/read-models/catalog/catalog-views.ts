import type { AnyCatalogKind } from './catalog-rows';
import type { CatalogEntry } from './catalog.repository';

/** A catalog entry in the write API's field names (camelCase), with its version and last change. */
export type CatalogView = Record<string, unknown> & { streamVersion: number; lastPosition: string; updatedAt: string };

export function catalogView(kind: AnyCatalogKind, entry: CatalogEntry): CatalogView {
  const view: Record<string, unknown> = { [kind.keyField]: entry.fields[kind.keyColumn] };
  for (const [field, column] of Object.entries(kind.fields)) view[field] = entry.fields[column];
  return { ...view, streamVersion: entry.streamVersion, lastPosition: entry.lastPosition, updatedAt: entry.updatedAt };
}
