import type { Kysely } from 'kysely';
import type { EngineDb } from './projection.tables';
import { schemaName, type ProjectionLogger } from './projection-definition';
import { messageOf } from './projection-errors';
import { dropSchema } from './read-model-schema.repository';

/**
 * Drops the schemas of retired versions after a grace period: readers in
 * other processes may hold the old schema for a cache TTL.
 */
export class RetiredSchemaDrops {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private readonly done: Promise<void>[] = [];

  constructor(
    private readonly db: Kysely<EngineDb>,
    private readonly name: string,
    private readonly options: { graceMs: number; logger: ProjectionLogger; label: string; keepProcessAlive: boolean },
  ) {}

  schedule(version: number): void {
    const schema = schemaName(this.name, version);
    const { graceMs, logger, label, keepProcessAlive } = this.options;
    this.done.push(
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.pending.delete(timer);
          dropSchema(this.db, schema)
            .then(() => logger.log(`${label}: dropped retired schema ${schema}`))
            .catch((e: unknown) => logger.warn(`${label}: could not drop ${schema} yet (${messageOf(e)}); the next start-up will`))
            .finally(resolve);
        }, graceMs);
        if (!keepProcessAlive) timer.unref();
        this.pending.set(timer, resolve);
      }),
    );
  }

  /** Resolves once every scheduled drop is done (or cancelled). */
  async settled(): Promise<void> {
    await Promise.all(this.done);
  }

  /** A stopping worker does not wait out the grace period; the next start-up drops them. */
  cancel(): void {
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}
