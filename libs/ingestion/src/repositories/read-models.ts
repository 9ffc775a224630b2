/** Read models the ingestion matches against (built by libs/projections). */
export const CATALOG_READ_MODEL = 'catalog';
export const FIGURES_READ_MODEL = 'figures';
export const INGESTION_READ_MODELS = [CATALOG_READ_MODEL, FIGURES_READ_MODEL] as const;
