import { CATALOG_PROJECTION, FIGURES_PROJECTION } from '@factledger/projections';

/** Read models the ingestion matches against (built by libs/projections; asked through their lookup functions). */
export const INGESTION_READ_MODELS = [CATALOG_PROJECTION, FIGURES_PROJECTION] as const;
