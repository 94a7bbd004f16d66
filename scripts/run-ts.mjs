// @ts-check
// Runs a TypeScript entry file under Node 20 with no dependency beyond the esbuild dev
// dependency: the entry is bundled (npm packages and node: builtins stay external) to
// .cache/run-ts/, then imported, with the remaining arguments forwarded.
//
//   node scripts/run-ts.mjs demo/main.ts [args...]
//
// Inside the entry, process.argv is [node, <entry.ts>, ...args]. import.meta.url points at
// the bundle in .cache/, not at the source file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { basename, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const OUT_DIR = resolve(ROOT, '.cache', 'run-ts')

const [entryArg, ...args] = process.argv.slice(2)
if (entryArg === undefined || entryArg === '--help' || entryArg === '-h') {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args...]')
  process.exit(2)
}

const entry = resolve(entryArg)
// One stable bundle per entry: demo/main.ts -> .cache/run-ts/demo__main.mjs
const name = relative(ROOT, entry).replace(/\.[cm]?tsx?$/, '').replace(/[\\/]/g, '__').replace(/^(\.\.__)+/, '') || basename(entry)
const outfile = resolve(OUT_DIR, `${name}.mjs`)

let result
try {
  result = await build({
    entryPoints: [entry],
    outfile,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    bundle: true,
    packages: 'external',
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
  })
} catch (error) {
  // esbuild's BuildFailure carries formatted messages; anything else is printed as is.
  const errors = /** @type {{ errors?: { text: string, location?: { file: string, line: number, column: number } | null }[] }} */ (error).errors
  if (Array.isArray(errors) && errors.length > 0) {
    for (const { text, location } of errors) {
      console.error(location ? `${location.file}:${location.line}:${location.column}: error: ${text}` : `error: ${text}`)
    }
  } else {
    console.error(error)
  }
  process.exit(1)
}

mkdirSync(OUT_DIR, { recursive: true })
const output = result.outputFiles.find((file) => file.path === outfile) ?? result.outputFiles[0]
if (output === undefined) {
  console.error('run-ts: esbuild produced no output')
  process.exit(1)
}
// Written beside the target and renamed, so two runs of the same entry never import half a file.
const temporary = `${outfile}.${process.pid}.tmp`
writeFileSync(temporary, output.contents)
renameSync(temporary, outfile)

// Stack traces point into the .ts sources through the inline source map.
process.setSourceMapsEnabled(true)
process.argv = [process.argv[0] ?? process.execPath, entry, ...args]
await import(pathToFileURL(outfile).href)
