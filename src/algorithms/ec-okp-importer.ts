/** The importer of every EC and OKP key spec, loaded with the first such key (docs/algorithms.md). */
export const importEcOkp = () => import('../keys/import-ec-okp.ts')
