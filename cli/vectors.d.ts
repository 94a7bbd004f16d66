/** Every JSON file under vectors/, embedded by the CLI bundle (scripts/lib/cli-bundle.mjs). */
declare module 'webjose:vectors' {
  const vectors: readonly { readonly path: string; readonly data: unknown }[]
  export default vectors
}
