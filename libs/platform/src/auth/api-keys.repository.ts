import { sql, type Generated, type Kysely, type Selectable } from 'kysely';
import type { Role } from '../domain/principal';

export interface ApiKeysTable {
  id: string;
  token_hash: Buffer;
  name: string;
  roles: Role[];
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

export interface AuthTables {
  api_keys: ApiKeysTable;
}

export type ApiKeyRow = Selectable<ApiKeysTable>;

/** The api_keys table (see its migration): the only code that touches it. */
export class ApiKeysRepository {
  constructor(private readonly db: Kysely<AuthTables>) {}

  async insert(row: Pick<ApiKeyRow, 'id' | 'token_hash' | 'name' | 'roles' | 'created_by' | 'expires_at'>): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values({ ...row, roles: sql<Role[]>`${row.roles}::text[]` })
      .execute();
  }

  async find(id: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(): Promise<ApiKeyRow[]> {
    return this.db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  async count(): Promise<number> {
    const { n } = await this.db
      .selectFrom('api_keys')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Marks the key revoked (the first revocation's time and author stay); false when there is no such key. */
  async revoke(id: string, revokedBy: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())`, revoked_by: sql<string>`coalesce(revoked_by, ${revokedBy})` })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Replaces the holder's name (erasure of a principal's name); false when there is no such key. */
  async eraseName(id: string, marker: string): Promise<boolean> {
    const result = await this.db.updateTable('api_keys').set({ name: marker }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Last use, to the minute: a write only when the stored time is older than that. */
  async touch(id: string): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
      .execute();
  }
}
