import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { EventStoreTables } from '@factledger/event-store';
import { createDatabase, keyAdmin, loadConfig, ROLES, SYSTEM_PRINCIPALS, type ApiKeys, type AppConfig, type AuthTables } from '@factledger/platform';
import { isDomainError } from '@factledger/shared';

export const KEYS_USAGE = `usage:
  keys create --name NAME --roles ROLE[,ROLE...] [--expires ISO-8601]   prints the token once
  keys list                                                           every key (never a token)
  keys revoke KEY_ID
  keys bootstrap-local FILE     npm start: the first local key (every role) into FILE, when no key exists and NODE_ENV is not production
roles: ${ROLES.join(', ')}`;

export interface KeysIo {
  stdout(text: string): void;
  stderr(text: string): void;
  config?: AppConfig;
}

const defaultIo: KeysIo = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) };

const option = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/**
 * `factledger keys ...`: key management by database access (how production
 * gets its first admin key; issuer `system:cli` in the ledger's events).
 * Exit code 0, 1 (refused), 2 (usage).
 */
export async function keysCommand(args: string[], io: Partial<KeysIo> = {}): Promise<number> {
  const { stdout, stderr, config = loadConfig() } = { ...defaultIo, ...io };
  const [sub, ...rest] = args;
  if (!sub || !['create', 'list', 'revoke', 'bootstrap-local'].includes(sub)) {
    stderr(`${KEYS_USAGE}\n`);
    return 2;
  }
  const database = createDatabase<AuthTables & EventStoreTables>(config.databaseUrl, { max: 1, applicationName: 'factledger-keys' });
  const keys = keyAdmin(database.db);
  const metadata = (reason: string) => ({ actor: SYSTEM_PRINCIPALS.cli, reason });
  try {
    switch (sub) {
      case 'create': {
        const name = option(rest, '--name');
        const roles = option(rest, '--roles')?.split(',').map((r) => r.trim());
        if (!name || !roles) {
          stderr(`keys create needs --name and --roles\n${KEYS_USAGE}\n`);
          return 2;
        }
        const expires = option(rest, '--expires');
        const expiresAt = expires === undefined ? null : Number.isNaN(Date.parse(expires)) ? expires : new Date(expires).toISOString();
        const issued = await keys.issue({ name, roles, expiresAt }, metadata('keys create (CLI)'));
        stderr(`key ${issued.keyId} (${issued.roles.join(', ')})${issued.expiresAt ? `, expires ${issued.expiresAt}` : ''}; the token is shown this once:\n`);
        stdout(`${issued.token}\n`);
        return 0;
      }
      case 'list':
        stdout(`${JSON.stringify(await keys.list(), null, 2)}\n`);
        return 0;
      case 'revoke': {
        if (!rest[0]) {
          stderr(`keys revoke needs a key id\n${KEYS_USAGE}\n`);
          return 2;
        }
        const view = await keys.revoke(rest[0], metadata('keys revoke (CLI)'));
        stdout(`revoked ${view.keyId} at ${view.revokedAt}\n`);
        return 0;
      }
      default:
        return await bootstrapLocal(keys, rest[0], config, stdout);
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    stderr(`keys ${sub}: ${error.message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

/** A fresh clone's first key: every role, the token alone in FILE (mode 0600). Never in production, never a second one. */
async function bootstrapLocal(keys: ApiKeys, file: string | undefined, config: AppConfig, stdout: (t: string) => void): Promise<number> {
  if (!file) return 2;
  if (config.nodeEnv === 'production' || (await keys.count()) > 0) return 0;
  const issued = await keys.issue({ name: 'local admin (npm start)', roles: [...ROLES], expiresAt: null }, { actor: SYSTEM_PRINCIPALS.cli, reason: 'first local key (npm start)' });
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file)) chmodSync(file, 0o600);
  writeFileSync(file, `${issued.token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  stdout(
    `\nA local API key with every role (${ROLES.join(', ')}) was created; it is shown this once and kept in ${file}:\n\n  ${issued.token}\n\n` +
      `  curl -H "Authorization: Bearer $(cat ${file})" ...   (the CLIs read FACTLEDGER_API_KEY)\n\n`,
  );
  return 0;
}
