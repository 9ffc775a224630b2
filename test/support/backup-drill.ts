import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { runVerify, VERIFY_DEFAULTS } from '@factledger/audit';
import { LOCAL_ROLE_PASSWORDS, urlAs } from '@factledger/migrations';
import type { PrivateCluster } from '@factledger/testing';
import { createAuditTestApp } from '../../libs/audit/application/src/testing/audit-test-app';

/** The ledger database's role URLs on a private cluster (the drills' restored servers included). */
export function ledgerUrls(cluster: PrivateCluster): { admin: string; app: string; owner: string; sealer: string } {
  const admin = cluster.adminUrl('factledger');
  return {
    admin,
    app: urlAs(admin, 'factledger_app', LOCAL_ROLE_PASSWORDS.app),
    owner: urlAs(admin, 'factledger_owner', LOCAL_ROLE_PASSWORDS.owner),
    sealer: urlAs(admin, 'factledger_sealer', LOCAL_ROLE_PASSWORDS.sealer),
  };
}

/** The audit API on the ledger at `appUrl`, and `factledger verify` against it with the auditor's state file in `cwd`. */
export async function verifyPinned(appUrl: string, cwd: string): Promise<{ code: number; out: string }> {
  const app: NestFastifyApplication = await createAuditTestApp(appUrl, { checkpointWaitMs: 5000 });
  try {
    await app.listen(0, '127.0.0.1');
    let out = '';
    const code = await runVerify(
      { ...VERIFY_DEFAULTS, api: await app.getUrl(), stateFile: 'auditor-state.json' },
      { stdout: (t) => (out += t), stderr: (t) => (out += t), cwd },
    );
    return { code, out };
  } finally {
    await app.close();
  }
}
