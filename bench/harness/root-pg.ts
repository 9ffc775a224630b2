import { createRequire } from 'node:module';
import * as path from 'node:path';
import type PgModule from 'pg';

/**
 * The repo's own `pg`, as the apps use it. A plain `import 'pg'` here would
 * resolve to bench/node_modules/pg (Emmett's peer), whose type parsers
 * Emmett's dumbo rewrites process-wide (int8 → BigInt, its own JSON parser);
 * factledger and the baselines must not run on that.
 */
export const pg: typeof PgModule = createRequire(path.join(__dirname, '..', '..', 'package.json'))('pg');
