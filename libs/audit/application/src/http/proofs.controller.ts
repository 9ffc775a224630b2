import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { toHex } from '@factledger/audit-domain';
import { Contract, READ_KYSELY, ReadAccess } from '@factledger/platform';
import { DomainError, invalid, malformed, notFound } from '@factledger/shared';
import { latestCheckpoint } from '../checkpoints/checkpoints.repository';
import { findEventLeaf } from '../history/history.repository';
import { consistencyProofBetween, inclusionProofAt, leafAt, rootAt, sealedTreeSize } from '../tree/merkle-tree.repository';
import { EVENT_REF_EXPLAIN, InclusionProofQuery, InclusionProofView } from './audit-log-schemas';
import { ConsistencyProofQuery, ConsistencyProofView } from './audit-schemas';

type ConsistencyQueryInput = Static<typeof ConsistencyProofQuery>;
type InclusionQueryInput = Static<typeof InclusionProofQuery>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * RFC 6962 proofs over the sealed tree. Roots are included for convenience
 * only: a verifier compares against a signed checkpoint, never against these.
 */
@ApiTags('audit')
@Controller('v1/proofs')
export class ProofsController {
  constructor(@Inject(READ_KYSELY) private readonly db: Kysely<AuditDb>) {}

  @ReadAccess('auditor')
  @Get('inclusion')
  @Contract({
    query: InclusionProofQuery,
    explain: EVENT_REF_EXPLAIN,
    responses: { 200: InclusionProofView },
    errors: {
      400: ['proof.invalid_query'],
      404: ['proof.event_not_found', 'proof.leaf_not_found', 'checkpoint.none'],
      409: ['proof.not_sealed'],
      422: ['proof.not_in_tree', 'proof.size_beyond_tree'],
    },
  })
  // Exactly one of them, which a list of query parameters cannot say (the contract fuzz reads it).
  @ApiExtension('x-exactly-one-of', ['event', 'leaf'])
  @ApiOperation({ summary: 'Audit path proving an event (by id or position) or a leaf is in the tree of a given size' })
  async inclusion(@Query() q: InclusionQueryInput) {
    if ((q.event === undefined) === (q.leaf === undefined))
      throw malformed('proof.invalid_query', 'Give exactly one of event (id or position) and leaf');
    const ref = await this.locate(q);
    if (ref.leafIndex === null) {
      throw new DomainError('proof.not_sealed', 'conflict', `Event ${q.event} is not sealed into the tree yet; retry shortly`, { event: q.event });
    }
    const sealed = await sealedTreeSize(this.db);
    const size = q.size ?? (await latestCheckpoint(this.db))?.treeSize;
    if (size === undefined) throw notFound('checkpoint.none', 'No checkpoint has been issued yet; give size explicitly');
    this.checkSize(size, sealed);
    if (ref.leafIndex >= size) {
      throw invalid('proof.not_in_tree', `Leaf ${ref.leafIndex} is not in the tree of size ${size}; ask for a size above ${ref.leafIndex}`, {
        leafIndex: ref.leafIndex,
        treeSize: size,
      });
    }
    const [leaf, proof, root] = await Promise.all([
      leafAt(this.db, ref.leafIndex),
      inclusionProofAt(this.db, ref.leafIndex, size),
      rootAt(this.db, size),
    ]);
    return {
      leafIndex: ref.leafIndex,
      treeSize: size,
      leafHash: toHex(leaf!.leafHash),
      proof: proof.map(toHex),
      rootHash: toHex(root),
      event: { id: ref.eventId, position: ref.position },
    };
  }

  @ReadAccess('auditor')
  @Get('consistency')
  @Contract({
    query: ConsistencyProofQuery,
    responses: { 200: ConsistencyProofView },
    errors: { 422: ['proof.invalid_range', 'proof.size_beyond_tree'] },
  })
  @ApiOperation({ summary: 'Proof that the tree of size `from` is a prefix of the tree of size `to` (RFC 6962 §2.1.2)' })
  async consistency(@Query() q: ConsistencyQueryInput) {
    if (q.from > q.to) throw invalid('proof.invalid_range', `from (${q.from}) must not exceed to (${q.to})`);
    this.checkSize(q.to, await sealedTreeSize(this.db));
    const [proof, fromRoot, toRoot] = await Promise.all([
      consistencyProofBetween(this.db, q.from, q.to),
      rootAt(this.db, q.from),
      rootAt(this.db, q.to),
    ]);
    return { from: q.from, to: q.to, proof: proof.map(toHex), fromRoot: toHex(fromRoot), toRoot: toHex(toRoot) };
  }

  private async locate(q: InclusionQueryInput) {
    if (q.leaf !== undefined) {
      const ref = await findEventLeaf(this.db, { leafIndex: q.leaf });
      if (!ref) throw notFound('proof.leaf_not_found', `Leaf ${q.leaf} is not sealed (yet)`, { leaf: q.leaf });
      return ref;
    }
    // The contract's pattern admits only a uuid or a position.
    const event = q.event!;
    const by = UUID.test(event) ? { eventId: event.toLowerCase() } : { position: event };
    const ref = await findEventLeaf(this.db, by);
    if (!ref) throw notFound('proof.event_not_found', `No event ${event}`, { event });
    return ref;
  }

  private checkSize(size: number, sealed: number): void {
    if (size > sealed) throw invalid('proof.size_beyond_tree', `Tree size ${size} is beyond the ${sealed} sealed leaves`, { treeSize: size, sealed });
  }
}
