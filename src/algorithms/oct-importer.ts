/** The importer of every secret ("oct") key spec, loaded with the first such key (docs/algorithms.md). */
export const importOct = () => import('../keys/import-oct.ts')
