// @ts-check
// `npm run webjose -- ARGS`: the CLI from the sources (cli/, src/), for a clone without `npm run build`.
// Bundled to .cache/ with the library included, then run in this process with ARGS.
import { rmSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { bundleCli } from './lib/cli-bundle.mjs'

const outfile = new URL(`../.cache/cli/webjose-${process.pid}.mjs`, import.meta.url).pathname
await bundleCli({ outfile, library: 'bundled' })
process.argv = [process.argv[0] ?? process.execPath, outfile, ...process.argv.slice(2)]
try {
  await import(pathToFileURL(outfile).href)
} finally {
  rmSync(outfile, { force: true })
}
