import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Kysely } from 'kysely';
import type { AuditDb } from '../audit.tables';
import { publicKeyFromRaw } from '@factledger/audit-domain';
import { Contract, READ_KYSELY, ReadAccess, RequireRoles } from '@factledger/platform';
import { KeyHistoryView, PublicKeyView, SealerStatusView, SignedCheckpointView } from './audit-schemas';
import { notFound } from '@factledger/shared';
import { CheckpointSizeParams } from './audit-log-schemas';
import { checkpointOfSize, currentKey, latestCheckpoint } from '../checkpoints/checkpoints.repository';
import { keyStatements, latestRevocation, publishedKeys } from '../checkpoints/key-history.repository';
import { readSealerStatus } from '../sealer/sealer-status';
import { CheckpointRequests } from './checkpoint-requests';

/** Signed checkpoints (tree size, root, last position, time, Ed25519 signature) and the key that verifies them. */
@ApiTags('audit')
@Controller('v1')
export class CheckpointsController {
  constructor(
    @Inject(READ_KYSELY) private readonly db: Kysely<AuditDb>,
    private readonly requests: CheckpointRequests,
  ) {}

  @ReadAccess('auditor')
  @Get('checkpoints/latest')
  @Contract({ responses: { 200: SignedCheckpointView }, errors: { 404: ['checkpoint.none'] } })
  @ApiOperation({
    summary:
      'The newest signed checkpoint (after a key compromise: the head as re-signed by the new key, with revokedKey, until the new key signs a larger tree)',
  })
  async latest() {
    const [checkpoint, resigned] = await Promise.all([latestCheckpoint(this.db), latestRevocation(this.db)]);
    // A re-signed head is newer than the checkpoint of its size: that one's key is revoked.
    if (resigned && (!checkpoint || resigned.treeSize >= checkpoint.treeSize)) return resigned;
    if (!checkpoint) throw notFound('checkpoint.none', 'No checkpoint has been issued yet; the worker issues one once events are sealed');
    return checkpoint;
  }

  @ReadAccess('auditor')
  @Get('checkpoints/keys')
  @Contract({ responses: { 200: KeyHistoryView }, errors: {} })
  @ApiOperation({
    summary: 'The checkpoint key history: every public key, and the rotations (signed by the outgoing key) and revocations linking them',
  })
  async keys() {
    const [keys, statements, current] = await Promise.all([publishedKeys(this.db), keyStatements(this.db), currentKey(this.db)]);
    return {
      currentKeyId: current?.keyId ?? null,
      keys: keys.map((k) => ({
        algorithm: k.algorithm,
        keyId: k.keyId,
        publicKey: k.publicKey.toString('base64'),
        createdAt: k.createdAt.toISOString(),
      })),
      statements,
    };
  }

  @ReadAccess('auditor')
  @Get('checkpoints/status')
  @Contract({ responses: { 200: SealerStatusView }, errors: {} })
  @ApiOperation({
    summary:
      "The sealer's condition: state (running, or stalled with lastError naming the event and position it is stuck at), treeSize, lastSealed, lagEvents (committed events not sealed yet), lastCheckpoint",
  })
  async status() {
    return readSealerStatus(this.db);
  }

  @ReadAccess('auditor')
  @Get('checkpoints/:size')
  @Contract({ params: CheckpointSizeParams, responses: { 200: SignedCheckpointView }, errors: { 404: ['checkpoint.not_found'] } })
  @ApiOperation({ summary: 'The signed checkpoint of exactly this tree size' })
  async bySize(@Param('size') size: string) {
    const checkpoint = await checkpointOfSize(this.db, Number(size));
    if (!checkpoint) throw notFound('checkpoint.not_found', `No checkpoint was issued at tree size ${size}`, { treeSize: Number(size) });
    return checkpoint;
  }

  @RequireRoles('auditor', 'admin')
  @Post('checkpoints')
  @Contract({
    responses: {
      201: { ...SignedCheckpointView, description: 'A new checkpoint covering everything committed when the request came in' },
      200: { ...SignedCheckpointView, description: 'The latest checkpoint already covered it' },
    },
    errors: { 503: ['audit.sealer_stalled', 'audit.sealer_unavailable'] },
  })
  @ApiOperation({ summary: 'Ask the sealer for a checkpoint covering everything committed so far: 201 when new, 200 when the latest already did' })
  async request(@Res({ passthrough: true }) reply: { status(code: number): unknown }) {
    const { checkpoint, created } = await this.requests.request();
    reply.status(created ? 201 : 200);
    return checkpoint;
  }

  @ReadAccess('auditor')
  @Get('audit/public-key')
  @Contract({ responses: { 200: PublicKeyView }, errors: { 404: ['audit.no_signing_key'] } })
  @ApiOperation({ summary: 'The Ed25519 public key that signs checkpoints (raw base64 and PEM); pin its keyId' })
  async publicKey() {
    const key = await currentKey(this.db);
    if (!key) throw notFound('audit.no_signing_key', 'No checkpoint key has been published yet; the worker publishes it when it starts sealing');
    return {
      algorithm: key.algorithm,
      keyId: key.keyId,
      publicKey: key.publicKey.toString('base64'),
      publicKeyPem: publicKeyFromRaw(key.publicKey).export({ type: 'spki', format: 'pem' }).toString(),
      createdAt: key.createdAt.toISOString(),
    };
  }
}
