import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { EventStoreTables } from '@factledger/event-store';
import { createDatabase, keyAdmin, ROLES, SYSTEM_PRINCIPALS, type ApiKeys, type AppConfig, type AuthTables } from '@factledger/platform';
import { isDomainError } from '@factledger/shared';
import { act, EXIT, type CliContext, type CliIo } from '../cli-io';

const metadata = (reason: string) => ({ actor: SYSTEM_PRINCIPALS.cli, reason });

/** Opens the key table as the app role, runs `work`, closes it; a refusal (domain error) is exit 1. */
async function withKeys(io: CliIo, what: string, work: (keys: ApiKeys, config: AppConfig) => Promise<number>): Promise<number> {
  const config = io.config();
  const database = createDatabase<AuthTables & EventStoreTables>(config.databaseUrl, { max: 1, applicationName: 'factledger-keys' });
  try {
    return await work(keyAdmin(database.db), config);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    io.stderr(`keys ${what}: ${error.message}\n`);
    return EXIT.failure;
  } finally {
    await database.close();
  }
}

/**
 * `factledger keys ...`: key management by database access (how production
 * gets its first admin key; issuer `system:cli` in the ledger's events).
 */
export function registerKeysCommands(program: Command, ctx: CliContext): void {
  const { io } = ctx;
  const keys = program.command('keys').description(`manage API keys by database access (roles: ${ROLES.join(', ')})`);
  keys
    .command('create')
    .description('issue a key; prints its token once (on stdout, the rest on stderr)')
    .requiredOption('--name <name>', 'who or what holds it')
    .requiredOption('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`)
    .option('--expires <iso-8601>', 'expiry time')
    .action(
      act(ctx, (o: { name: string; roles: string; expires?: string }) =>
        withKeys(io, 'create', async (admin) => {
          const roles = o.roles.split(',').map((r) => r.trim());
          const expiresAt = o.expires === undefined ? null : Number.isNaN(Date.parse(o.expires)) ? o.expires : new Date(o.expires).toISOString();
          const issued = await admin.issue({ name: o.name, roles, expiresAt }, metadata('keys create (CLI)'));
          io.stderr(
            `key ${issued.keyId} (${issued.roles.join(', ')})${issued.expiresAt ? `, expires ${issued.expiresAt}` : ''}; the token is shown this once:\n`,
          );
          io.stdout(`${issued.token}\n`);
          return EXIT.ok;
        }),
      ),
    );
  keys
    .command('list')
    .description('every key (never a token)')
    .option('--json', 'a JSON array')
    .action(
      act(ctx, (o: { json?: boolean }) =>
        withKeys(io, 'list', async (admin) => {
          const views = await admin.list();
          if (o.json) io.stdout(`${JSON.stringify(views, null, 2)}\n`);
          else
            for (const v of views) {
              const state = v.revokedAt ? `revoked ${v.revokedAt}` : v.expiresAt ? `expires ${v.expiresAt}` : 'active';
              io.stdout(`${v.keyId}  ${v.roles.join(',').padEnd(20)}  ${state.padEnd(34)}  ${v.name}\n`);
            }
          return EXIT.ok;
        }),
      ),
    );
  keys
    .command('revoke')
    .description('revoke a key at once')
    .argument('<key-id>')
    .action(
      act(ctx, (keyId: string) =>
        withKeys(io, 'revoke', async (admin) => {
          const view = await admin.revoke(keyId, metadata('keys revoke (CLI)'));
          io.stdout(`revoked ${view.keyId} at ${view.revokedAt}\n`);
          return EXIT.ok;
        }),
      ),
    );
  keys
    .command('bootstrap-local')
    .description('npm start: the first local key (every role) into FILE, when no key exists and NODE_ENV is not production')
    .argument('<file>')
    .action(act(ctx, (file: string) => withKeys(io, 'bootstrap-local', (admin, config) => bootstrapLocal(admin, file, config, io.stdout))));
}

/** A fresh clone's first key: every role, the token alone in FILE (mode 0600). Never in production, never a second one. */
async function bootstrapLocal(keys: ApiKeys, file: string, config: AppConfig, stdout: (t: string) => void): Promise<number> {
  if (config.nodeEnv === 'production' || (await keys.count()) > 0) return EXIT.ok;
  const issued = await keys.issue({ name: 'local admin (npm start)', roles: [...ROLES], expiresAt: null }, metadata('first local key (npm start)'));
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file)) chmodSync(file, 0o600);
  writeFileSync(file, `${issued.token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  stdout(
    `\nA local API key with every role (${ROLES.join(', ')}) was created; it is shown this once and kept in ${file}:\n\n  ${issued.token}\n\n` +
      `  curl -H "Authorization: Bearer $(cat ${file})" ...   (the CLIs read FACTLEDGER_API_KEY)\n\n`,
  );
  return EXIT.ok;
}
