import type { CommandBus } from '@nestjs/cqrs';
import { RegisterSourceCommand, type LedgerWriter, type WriteContext } from '@factledger/ledger';
import { LedgerErrorCodes, LedgerLimits, sourceDecider, sourceStreamId, type SourceKind } from '@factledger/ledger-domain';
import { isDomainError } from '@factledger/shared';
import { normaliseSourceName, originOf, resolveSourceName, sha256Hex, slugify, SourceIndex, sourceSeed, type Candidate } from '../domain';
import type { CatalogSource } from '../repositories';

/**
 * Source names → source ids for one job: the catalog plus the sources this
 * job created (the read model may not show those yet). An unknown name is
 * registered, flagged for review: kind `other`, or `media` for a publisher
 * speaking for itself.
 */
export class JobSources {
  private readonly index: SourceIndex;
  readonly created: { sourceId: string; name: string }[] = [];

  constructor(
    catalog: readonly CatalogSource[],
    private readonly deps: { commands: CommandBus; writer: LedgerWriter; hash: string; ctx: (seed: string) => WriteContext },
  ) {
    this.index = new SourceIndex(catalog);
  }

  async resolve(candidate: Pick<Candidate, 'sourceName' | 'sourceIsPublisher'>): Promise<string[]> {
    const known = resolveSourceName(candidate.sourceName, this.index);
    if (known.length > 0) return known;
    return [await this.create(originOf(candidate.sourceName).slice(0, LedgerLimits.nameMax), candidate.sourceName, candidate.sourceIsPublisher ? 'media' : 'other')];
  }

  private async create(name: string, raw: string, kind: SourceKind): Promise<string> {
    const base = slugify(name) || 'source';
    // A slug taken by another source gets a suffix from the name, so two names never merge by accident.
    for (const sourceId of [base, `${base}-${sha256Hex(normaliseSourceName(name)).slice(0, 6)}`]) {
      const aliases = raw.trim() !== name && raw.trim().length <= LedgerLimits.aliasMax ? [raw.trim()] : [];
      try {
        await this.deps.commands.execute(
          new RegisterSourceCommand({ sourceId, name, kind, aliases, needsReview: true }, this.deps.ctx(sourceSeed(this.deps.hash, sourceId))),
        );
        this.index.add({ sourceId, name, aliases });
        this.created.push({ sourceId, name });
        return sourceId;
      } catch (error) {
        if (!isDomainError(error) || error.code !== LedgerErrorCodes.sourceAlreadyRegistered) throw error;
        const { state } = await this.deps.writer.load(sourceStreamId(sourceId), sourceDecider);
        if (state.status === 'registered' && new SourceIndex([state]).exact(name)) {
          this.index.add(state);
          return sourceId;
        }
      }
    }
    throw new Error(`Could not register a source for "${name}": its ids are taken by other sources`);
  }
}
