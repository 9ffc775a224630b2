import type { Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import { conflict, notFound } from '@factledger/shared';
import { deleteCheckpoint, loadCheckpoint, resumeProjection, retiredVersions, rewindCheckpoint } from './checkpoints.repository';
import { assertDefinition, schemaName, type ProjectionDefinition } from './projection-definition';
import { createVersion, dropSchema, recreateSchema } from './read-model-schema.repository';
import { activeVersion, lockRegistry, setActiveVersion } from './registry.repository';
import { ACTIVE_SCHEMA_TTL_MS } from './active-schema';

/** Retired schemas outlive the switch by this much, so readers in other processes never hit a dropped table. */
export const RETIRED_SCHEMA_GRACE_MS = 5 * ACTIVE_SCHEMA_TTL_MS;

export interface EnsureResult {
  /**
   * created: first version, now active (it fills from START while readers use it);
   * active: already the active version; rebuilding: built beside the older
   * active version, which readers keep using until the switch; superseded: a
   * newer version is active, this definition is outdated and will not run.
   */
  outcome: 'created' | 'active' | 'rebuilding' | 'superseded';
  activeVersion: number;
}

/**
 * Start-up: makes the definition's version exist. Never blocks on a rebuild;
 * the runner for the version catches it up and switches when it is ready.
 */
export async function ensureProjection(
  db: Kysely<EngineDb>,
  definition: ProjectionDefinition,
  options: { retiredSchemaGraceMs?: number } = {},
): Promise<EnsureResult> {
  assertDefinition(definition);
  const { name, version } = definition;
  const result = await db.transaction().execute(async (trx): Promise<EnsureResult> => {
    await lockRegistry(trx, name);
    const active = await activeVersion(trx, name);
    if (active !== null && active > version) return { outcome: 'superseded', activeVersion: active };
    if (!(await loadCheckpoint(trx, name, version))) await createVersion(trx, definition, active === null ? 'idle' : 'rebuilding');
    if (active === null) {
      await setActiveVersion(trx, name, version);
      return { outcome: 'created', activeVersion: version };
    }
    return { outcome: active === version ? 'active' : 'rebuilding', activeVersion: active };
  });
  await dropRetiredSchemas(db, name, options.retiredSchemaGraceMs ?? RETIRED_SCHEMA_GRACE_MS);
  return result;
}

/**
 * Readies a new version to be rebuilt beside the active one: creates it, or
 * keeps its progress (clearing a failure: the operator asked to retry), or
 * with `fresh` starts it over.
 */
export async function prepareRebuild(db: Kysely<EngineDb>, definition: ProjectionDefinition, options: { fresh?: boolean } = {}): Promise<void> {
  assertDefinition(definition);
  const { name, version } = definition;
  await db.transaction().execute(async (trx) => {
    await lockRegistry(trx, name);
    const active = await activeVersion(trx, name);
    if (active !== null && active >= version) {
      throw conflict(
        'projection.version_not_newer',
        `Projection ${name} v${version} is not newer than the active v${active}; bump the version to rebuild beside it, or reset it in place`,
        {
          projection: name,
          version,
          activeVersion: active,
        },
      );
    }
    const existing = await loadCheckpoint(trx, name, version);
    if (existing && options.fresh) await deleteCheckpoint(trx, name, version);
    if (!existing || options.fresh) await createVersion(trx, definition, 'rebuilding');
    else if (existing.state === 'failed') await resumeProjection(trx, name, version);
  });
}

/**
 * Rebuilds a version in place: empties its schema and rewinds it to START;
 * whichever runner holds it starts over at its next batch. Readers of the
 * active version see it refill, so prefer a rebuild into a new version.
 */
export async function resetProjection(db: Kysely<EngineDb>, definition: ProjectionDefinition): Promise<void> {
  assertDefinition(definition);
  const { name, version } = definition;
  await db.transaction().execute(async (trx) => {
    await lockRegistry(trx, name);
    // Row lock first, as a runner's batch takes it first: no deadlock over the schema.
    const row = await loadCheckpoint(trx, name, version, { forUpdate: true });
    if (!row) throw notFound('projection.unknown', `Projection ${name} v${version} is not set up`, { projection: name, version });
    if (row.state === 'stopped')
      throw conflict('projection.version_retired', `Projection ${name} v${version} was superseded`, { projection: name, version });
    await rewindCheckpoint(trx, name, version);
    await recreateSchema(trx, definition);
  });
}

export async function dropRetiredSchemas(db: Kysely<EngineDb>, name: string, graceMs: number): Promise<void> {
  for (const version of await retiredVersions(db, name, graceMs)) await dropSchema(db, schemaName(name, version));
}
