import type { CommandBus } from '@nestjs/cqrs';
import { RegisterSourceCommand, type LedgerWriter, type WriteContext } from '@factledger/ledger';
import { LedgerErrorCodes, sourceDecider, sourceStreamId, type SourceKind } from '@factledger/ledger-domain';
import type { CatalogSource } from '@factledger/projections';
import { conflict, isDomainError } from '@factledger/shared';
import { newSourceNames, normaliseSourceName, resolveSourceName, sha256Hex, slugify, SourceIndex, sourceSeed, type Candidate } from '../domain';

export interface JobSourcesDeps {
  commands: CommandBus;
  writer: LedgerWriter;
  hash: string;
  ctx: (seed: string) => WriteContext;
  /** Whether this job's registration of the source (seeded by `sourceSeed`) is already stored: an earlier attempt wrote it. */
  registeredByThisJob: (sourceId: string, seed: string) => Promise<boolean>;
}

/**
 * Source names → source ids for one job: the catalog plus the sources this
 * job created (the read model may not show those yet). An unknown name is
 * registered, flagged for review: kind `other`, or `media` for a publisher
 * speaking for itself. `created` lists the sources this job registered, also
 * those a crashed attempt registered (the retry finds them in the catalog).
 */
export class JobSources {
  private readonly index: SourceIndex;
  readonly created: { sourceId: string; name: string }[] = [];
  private readonly checked = new Set<string>();

  constructor(
    private readonly catalog: readonly CatalogSource[],
    private readonly deps: JobSourcesDeps,
  ) {
    this.index = new SourceIndex(catalog);
  }

  /** Whether the name resolves to known sources (nothing would be registered for it). */
  isKnown(candidate: Pick<Candidate, 'sourceName'>): boolean {
    return resolveSourceName(candidate.sourceName, this.index).length > 0;
  }

  async resolve(candidate: Pick<Candidate, 'sourceName' | 'sourceIsPublisher'>): Promise<string[]> {
    const known = resolveSourceName(candidate.sourceName, this.index);
    for (const sourceId of known) await this.noteIfOurs(sourceId);
    if (known.length > 0) return known;
    const { name, aliases } = newSourceNames(candidate.sourceName);
    return [await this.create(name, aliases, candidate.sourceIsPublisher ? 'media' : 'other')];
  }

  /** A catalog source an earlier attempt of this job registered is still one this job created. */
  private async noteIfOurs(sourceId: string): Promise<void> {
    if (this.checked.has(sourceId)) return;
    this.checked.add(sourceId);
    if (this.created.some((s) => s.sourceId === sourceId)) return;
    if (!(await this.deps.registeredByThisJob(sourceId, sourceSeed(this.deps.hash, sourceId)))) return;
    const source = this.catalog.find((s) => s.sourceId === sourceId);
    if (source) this.created.push({ sourceId, name: source.name });
  }

  private async create(name: string, aliases: string[], kind: SourceKind): Promise<string> {
    const base = slugify(name) || 'source';
    // A slug taken by another source gets a suffix from the name, so two names never merge by accident.
    for (const sourceId of [base, `${base}-${sha256Hex(normaliseSourceName(name)).slice(0, 6)}`]) {
      try {
        await this.deps.commands.execute(
          new RegisterSourceCommand({ sourceId, name, kind, aliases, needsReview: true }, this.deps.ctx(sourceSeed(this.deps.hash, sourceId))),
        );
        this.index.add({ sourceId, name, aliases });
        this.checked.add(sourceId);
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
    // A refusal of this line, not a fault to retry: the job goes on with its other lines.
    throw conflict('ingestion.source_id_taken', `Could not register a source for "${name}": its ids are taken by other sources`, { name });
  }
}
