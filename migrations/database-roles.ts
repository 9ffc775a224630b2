import pg from 'pg';

/**
 * The PostgreSQL roles factledger runs as (cluster-wide, fixed names: the
 * grants in 20261206030000_least_privilege name them):
 * - owner: owns the database, every table and function; runs migrations.
 * - app: the API, the worker's projectors and ingestion, seeds and CLIs.
 *   Reads the log, appends only through factledger_append (SECURITY DEFINER),
 *   owns nothing but the read-model schemas it creates.
 * - sealer: the worker's sealer connection; the only role that may INSERT
 *   into the audit tables (nobody may UPDATE/DELETE them).
 * Creating roles needs an administrator (superuser or CREATEROLE), so this is
 * a bootstrap step (`factledger db-init`, `npm start`, `npm test`), not a
 * migration: migrations run as the owner, which cannot create roles.
 */
export const DATABASE_ROLES = { owner: 'factledger_owner', app: 'factledger_app', sealer: 'factledger_sealer' } as const;

export type RoleKind = keyof typeof DATABASE_ROLES;

/**
 * Passwords of the roles on a developer's own server (`npm start`, `npm test`:
 * loopback only; the embedded PostgreSQL asks for passwords). Never for a
 * deployment: docker-compose and operators pass their own in the URLs.
 */
export const LOCAL_ROLE_PASSWORDS: Record<RoleKind, string> = { owner: 'factledger_owner', app: 'factledger_app', sealer: 'factledger_sealer' };
export type RolePasswords = Partial<Record<RoleKind, string | null>>;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Where session-wide advisory locks of concurrent bootstraps (parallel test runs) meet. */
const BOOTSTRAP_LOCK = 7406_0001;

/**
 * Creates the three roles when missing (LOGIN, no superuser/CREATEDB/
 * CREATEROLE/BYPASSRLS) and sets a password where one is given. Idempotent;
 * safe to run from several processes at once.
 */
export async function ensureRoles(admin: pg.ClientBase, passwords: RolePasswords = {}): Promise<void> {
  await admin.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK]);
  try {
    for (const [kind, role] of Object.entries(DATABASE_ROLES) as [RoleKind, string][]) {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const attributes = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION';
      await admin.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident(role)} ${attributes}`);
      const password = passwords[kind];
      if (password) await admin.query(`ALTER ROLE ${ident(role)} PASSWORD ${literal(password)}`);
      // Unqualified names resolve in public only: no role can plant a "$user" schema that shadows another's tables.
      await admin.query(`ALTER ROLE ${ident(role)} SET search_path = public`);
    }
    // The owner reads every session's transaction start (factledger_oldest_transaction(), for /health); no other role does.
    await admin.query(`GRANT pg_read_all_stats TO ${ident(DATABASE_ROLES.owner)}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK]);
  }
}

/**
 * Database-level settings, which live in the cluster's catalog (a database
 * cloned from a template does not inherit them): the owner owns the database
 * (and so, on PostgreSQL 15+, the public schema), only the three roles may
 * connect (no temporary tables: nothing needs them), and the app may CREATE schemas (its read models, built at run
 * time). Objects an earlier setup left to another owner (migrations once run
 * as a superuser) are handed to the owner; read-model schemas to the app.
 */
export async function prepareDatabase(admin: pg.ClientBase, database: string): Promise<void> {
  const db = ident(database);
  const { owner, app, sealer } = DATABASE_ROLES;
  await admin.query(`ALTER DATABASE ${db} OWNER TO ${ident(owner)}`);
  await admin.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  await admin.query(`GRANT CONNECT ON DATABASE ${db} TO ${ident(app)}, ${ident(sealer)}`);
  await admin.query(`GRANT CREATE ON DATABASE ${db} TO ${ident(app)}`);
}

/**
 * Run on a connection to the database itself, as an administrator: adopts
 * objects made before the role split so the owner's migrations can alter them.
 */
export async function adoptObjects(adminInDatabase: pg.ClientBase): Promise<void> {
  const { owner, app } = DATABASE_ROLES;
  await adminInDatabase.query(`
    DO $$ DECLARE r record; BEGIN
      EXECUTE format('ALTER SCHEMA public OWNER TO %I', ${literal(owner)});
      FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> ${literal(owner)} LOOP
        EXECUTE format('ALTER TABLE public.%I OWNER TO %I', r.relname, ${literal(owner)});
      END LOOP;
      FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> ${literal(owner)} LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.f, ${literal(owner)});
      END LOOP;
      FOR r IN SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm\\_%' AND pg_get_userbyid(nspowner) <> ${literal(app)} LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', r.nspname, ${literal(app)});
      END LOOP;
      FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname LIKE 'rm\\_%' AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> ${literal(app)} LOOP
        EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', r.nspname, r.relname, ${literal(app)});
      END LOOP;
    END $$`);
}

/** `url` with its user and password replaced: a role's connection string beside the administrator's. */
export function urlAs(url: string, user: string, password: string | null): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = password ? encodeURIComponent(password) : '';
  return parsed.toString();
}

/** `url` pointing at another database of the same cluster. */
export function inDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Everything above for one database, from an administrator's URL to any database of the cluster. */
export async function bootstrapDatabase(adminUrl: string, database: string, passwords: RolePasswords = {}): Promise<void> {
  const admin = new pg.Client({ connectionString: inDatabase(adminUrl, 'postgres') });
  await admin.connect();
  try {
    await ensureRoles(admin, passwords);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(DATABASE_ROLES.owner)}`);
    await prepareDatabase(admin, database);
  } finally {
    await admin.end();
  }
  const adopter = new pg.Client({ connectionString: inDatabase(adminUrl, database) });
  await adopter.connect();
  try {
    await adoptObjects(adopter);
  } finally {
    await adopter.end();
  }
}
