// @ts-check
// `npm run size`: what an application's bundle pays for each entry point. Each row is a virtual
// entry (`export { a, b } from './src/index.ts'`) bundled by esbuild as minified, tree-shaken,
// platform-neutral ESM, measured raw and gzipped (level 9), and checked against its budget.
//   --markdown      print the table as markdown instead
//   --update-docs   also rewrite the table between the size markers in docs/runtimes.md and README.md
//   --by-module     also print what each src/ module adds to the Auth0 path, by folder
//   --warn-only     report a broken budget without failing (for exploring; npm test never passes it)
// Rows whose exports src/index.ts does not have yet are "pending" and do not fail; once the
// exports exist, the budgets apply.
import { readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { dirname, relative, resolve } from 'node:path'
import * as esbuild from 'esbuild'
import { stripMessageText, stripMessages } from './lib/strip-messages.mjs'
import { AUTH0, AUTH0_LOADS } from './lib/size-entries.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DOCS = [`${ROOT}docs/runtimes.md`, `${ROOT}README.md`]
const KB = 1024

// Modules that only JWE needs: a JWS-only application must not carry them.
const JWE_ONLY = (/** @type {string} */ input) =>
  input.startsWith('src/jwe/') ||
  input === 'src/algorithms/key-management.ts' ||
  input === 'src/algorithms/content-encryption.ts'

/**
 * @typedef {{ label: string, exports: string[] | '*', from?: string, maxRaw?: number, maxGzip?: number, targetRaw?: number, targetGzip?: number, noJwe?: boolean, noMessages?: boolean, loads?: string[] }} Entry
 * @type {Entry[]}
 */
const ENTRIES = [
  // The headline use case: decrypt an encrypted access token and verify the JWT inside, keys from a JWKS URL.
  // `loads` lists the modules this job reaches through import() (an RSA key import loads the
  // weak-key checks): they are counted as if imported statically, so a lazy module never hides
  // bytes the job pays for. The rule, 20 KiB minified / 8.5 KiB gzip as the library grows.
  { label: 'Auth0 path', exports: AUTH0, loads: AUTH0_LOADS, maxRaw: 20 * KB, maxGzip: 8.5 * KB },
  // Not part of the enforced budget: the target, reported on every run.
  { label: 'Auth0 path (target)', exports: AUTH0, loads: AUTH0_LOADS, targetRaw: 12 * KB, targetGzip: 4 * KB },
  // The same code with every message string emptied: the floor that terser messages could reach.
  // It is over the target too, so the target cannot be met by wording; only by dropping checks.
  {
    label: 'Auth0 path, no message text',
    exports: AUTH0,
    loads: AUTH0_LOADS,
    noMessages: true,
    targetRaw: 12 * KB,
    targetGzip: 4 * KB,
  },
  // The reference library doing the same job, for comparison (a devDependency; never a budget).
  { label: 'jose 6, same job', exports: ['compactDecrypt', 'jwtVerify', 'importPKCS8', 'createRemoteJWKSet'], from: 'jose' },
  { label: 'JWS-only', exports: ['jwtVerify', 'createRemoteJwks'], noJwe: true },
  { label: 'jose 6, JWS-only', exports: ['jwtVerify', 'createRemoteJWKSet'], from: 'jose' },
  { label: 'compactDecrypt', exports: ['compactDecrypt'] },
  { label: 'compactVerify', exports: ['compactVerify'] },
  { label: 'full index', exports: '*' },
]

/**
 * Bundles one virtual entry as an application bundler would, with what the source reaches
 * through `import()` (algorithm families and opt-in features, loaded on first use) left out:
 * the bytes loaded up front. Returns those bytes, the bytes the `import()`ed modules add to a
 * single-file bundle (lazyBytes), and the src/ files that contributed code up front.
 */
async function bundle(/** @type {string[] | '*'} */ names, from = './src/index.ts', noMessages = false, /** @type {string[]} */ loads = []) {
  const upFront = await build(names, from, noMessages, loads)
  const whole = await build(names, from, noMessages)
  return { ...upFront, lazyBytes: whole.bytes.length - upFront.bytes.length }
}

/** One esbuild run; with `loads`, every `import()` target but those is left out of the bundle. */
async function build(/** @type {string[] | '*'} */ names, from = './src/index.ts', noMessages = false, /** @type {string[] | undefined} */ loads = undefined) {
  const contents = names === '*' ? `export * from '${from}'` : `export { ${names.join(', ')} } from '${from}'`
  /**
   * Leaves every `import()` target out of the bundle, except the `loads`, which become static
   * imports: counted as the code they are, without the lazy-initialisation glue esbuild adds
   * to a module imported both ways.
   */
  /** @type {esbuild.Plugin} */
  const leaveLazyOut = {
    name: 'leave-lazy-out',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined))
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
        const imports = []
        const source = readFileSync(args.path, 'utf8')
        const body = (noMessages ? stripMessageText(args.path, source) : source).replace(/\(await import\('(\.{1,2}\/[^']+)'\)\)/g, (call, specifier) => {
          if (!loads?.includes(relative(ROOT, resolve(dirname(args.path), specifier)))) return call
          imports.push(`import * as __loaded${imports.length} from '${specifier}'\n`)
          return `__loaded${imports.length - 1}`
        })
        return { contents: imports.join('') + body, loader: 'ts' }
      })
    },
  }
  const result = await esbuild.build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'size-entry.ts', loader: 'ts' },
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    // leaveLazyOut strips the messages itself: esbuild runs one onLoad per file.
    plugins: loads ? [leaveLazyOut] : noMessages ? [stripMessages()] : [],
  })
  const [file] = result.outputFiles
  const output = Object.values(result.metafile.outputs)[0]
  if (file === undefined || output === undefined) throw new Error('esbuild produced no output')
  // outputs[].inputs lists only modules that survived tree-shaking (metafile.inputs is the whole
  // import graph); a module can still appear with 0 bytes, which means none of its code is in.
  const modules = Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input, { bytesInOutput }]) => ({ input, bytes: bytesInOutput }))
  return { bytes: file.contents, inputs: modules.map((m) => m.input), modules, exports: output.exports }
}

const args = process.argv.slice(2)
const markdown = args.includes('--markdown')
const updateDocs = args.includes('--update-docs')
const warnOnly = args.includes('--warn-only')
const byModule = args.includes('--by-module')

// What src/index.ts exports right now, read from esbuild rather than parsed from the source.
const full = await bundle('*')
const available = new Set(full.exports)

const rows = []
for (const entry of ENTRIES) {
  const missing = entry.exports === '*' || entry.from ? [] : entry.exports.filter((name) => !available.has(name))
  const budget = [
    entry.maxRaw && `≤ ${entry.maxRaw} B min`,
    entry.maxGzip && `≤ ${entry.maxGzip} B gz`,
    entry.targetRaw && `target ≤ ${entry.targetRaw} B min`,
    entry.targetGzip && `target ≤ ${entry.targetGzip} B gz`,
    entry.noJwe && 'no JWE code',
  ]
    .filter(Boolean)
    .join(', ')
  const what = entry.exports === '*' ? 'everything in src/index.ts' : entry.exports.join(' + ')
  if (missing.length > 0) {
    rows.push({ entry, what, budget, raw: undefined, gzip: undefined, lazy: undefined, status: `pending (not exported yet: ${missing.join(', ')})`, ok: true })
    continue
  }
  const { bytes, inputs, lazyBytes } = entry.exports === '*' ? full : await bundle(entry.exports, entry.from, entry.noMessages, entry.loads)
  const raw = bytes.length
  const gzip = gzipSync(bytes, { level: 9 }).length
  const problems = []
  if (entry.maxRaw !== undefined && raw > entry.maxRaw) problems.push(`minified ${raw} B > ${entry.maxRaw} B`)
  if (entry.maxGzip !== undefined && gzip > entry.maxGzip) problems.push(`gzip ${gzip} B > ${entry.maxGzip} B`)
  if (entry.noJwe) {
    const jwe = inputs.filter(JWE_ONLY)
    if (jwe.length > 0) problems.push(`contains JWE code: ${jwe.join(', ')}`)
  }
  const missed = []
  if (entry.targetRaw !== undefined && raw > entry.targetRaw) missed.push(`${raw - entry.targetRaw} B min`)
  if (entry.targetGzip !== undefined && gzip > entry.targetGzip) missed.push(`${gzip - entry.targetGzip} B gz`)
  const status = problems.length ? `OVER BUDGET: ${problems.join('; ')}` : missed.length ? `target not met, over by ${missed.join(', ')}` : 'ok'
  rows.push({ entry, what, budget, raw, gzip, lazy: lazyBytes, status, ok: problems.length === 0 })
}

const fmt = (/** @type {number | undefined} */ n) => (n === undefined ? '-' : n.toLocaleString('en-US'))
const table = [
  '| Entry point | Exports | Minified (B) | Gzip -9 (B) | Loaded on first use, min (B) | Budget | Status |',
  '|---|---|---:|---:|---:|---|---|',
  ...rows.map((r) => `| ${r.entry.label} | ${r.what} | ${fmt(r.raw)} | ${fmt(r.gzip)} | ${fmt(r.lazy)} | ${r.budget || '-'} | ${r.status} |`),
].join('\n')

if (markdown) {
  console.log(table)
} else {
  console.log('size: esbuild --bundle --minify --format=esm --platform=neutral, gzip level 9; bytes loaded up front (+ what import()ed modules add)')
  for (const r of rows) {
    console.log(`  ${r.entry.label.padEnd(28)} ${fmt(r.raw).padStart(7)} B  ${fmt(r.gzip).padStart(6)} B gz  (+${fmt(r.lazy)} B lazy)  ${r.status}${r.budget ? `  [${r.budget}]` : ''}`)
  }
}

if (byModule) {
  // Minified bytes before gzip; a module's share of the gzip size is roughly proportional.
  const [headline] = ENTRIES
  if (headline === undefined || headline.exports === '*') throw new Error('the first row must list exports')
  const { modules } = await bundle(headline.exports, undefined, false, headline.loads)
  /** @type {Map<string, { bytes: number, modules: { input: string, bytes: number }[] }>} */
  const folders = new Map()
  for (const module of modules) {
    const folder = module.input.split('/').slice(0, -1).join('/')
    const entry = folders.get(folder) ?? { bytes: 0, modules: [] }
    entry.bytes += module.bytes
    entry.modules.push(module)
    folders.set(folder, entry)
  }
  console.log(`\n${headline.label} by module (minified bytes in the bundle):`)
  for (const [folder, entry] of [...folders].sort((a, b) => b[1].bytes - a[1].bytes)) {
    console.log(`  ${fmt(entry.bytes).padStart(6)}  ${folder}/`)
    for (const module of entry.modules.sort((a, b) => b.bytes - a.bytes)) {
      console.log(`    ${fmt(module.bytes).padStart(6)}  ${module.input.slice(folder.length + 1)}`)
    }
  }
}

if (updateDocs) {
  // Only the text between the markers is generated; the rest of the page is written by hand.
  const start = '<!-- size:start -->'
  const end = '<!-- size:end -->'
  for (const doc of DOCS) {
    const page = readFileSync(doc, 'utf8')
    const from = page.indexOf(start)
    const to = page.indexOf(end)
    if (from < 0 || to < from) throw new Error(`${doc} lacks the ${start} … ${end} markers`)
    writeFileSync(doc, `${page.slice(0, from + start.length)}\n${table}\n${page.slice(to)}`)
  }
  console.log('size: table written to docs/runtimes.md and README.md')
}

const failed = rows.filter((r) => !r.ok)
if (failed.length > 0) {
  console.error(`size: ${warnOnly ? 'WARNING' : 'FAILED'}: over budget: ${failed.map((r) => r.entry.label).join(', ')}`)
  if (!warnOnly) process.exitCode = 1
} else {
  console.log(`size: ok (${rows.filter((r) => r.raw === undefined).length} pending)`)
}
