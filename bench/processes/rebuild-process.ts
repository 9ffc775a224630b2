import { runRebuild } from '@factledger/projections';

/**
 * `factledger rebuild --all` (the CLI's own runRebuild, DATABASE_URL from
 * the environment) with the retired schema dropped at once: nothing reads the
 * bench ledger while a rebuild round runs, so the 5 s grace that protects live
 * readers would only add idle seconds per read model to every round.
 */
runRebuild({ readModels: 'all', fresh: false }, { retiredSchemaGraceMs: 0 }).then(
  (code: number) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
