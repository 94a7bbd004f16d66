// @ts-check
// `npm run build`: a clean dist/ from src/ with tsc (tsconfig.build.json).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { bundleCli } from './lib/cli-bundle.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = `${ROOT}dist`

// A stale dist/ could ship modules that src/ no longer has.
rmSync(DIST, { recursive: true, force: true })
const tsc = spawnSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', `${ROOT}tsconfig.build.json`], {
  stdio: 'inherit',
})
if (tsc.status !== 0) {
  console.error('build: tsc failed')
  process.exit(tsc.status ?? 1)
}

// rewriteRelativeImportExtensions rewrites the .js output but leaves declaration files with
// "./x.ts" specifiers, which consumers without allowImportingTsExtensions cannot follow.
const RELATIVE_TS = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*)\.ts(['"])/g
let rewritten = 0
for (const file of readdirSync(DIST, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.ts')) continue
  const path = `${DIST}/${file}`
  const source = readFileSync(path, 'utf8')
  const output = source.replace(RELATIVE_TS, '$1$2.js$3')
  if (output !== source) {
    writeFileSync(path, output)
    rewritten++
  }
}
// The published types must compile without the DOM lib (a Node server on `--lib es2022 --types
// node` has no global CryptoKey): each declaration file that names one of these Web Crypto or
// Fetch types imports the structural twin from dist/web-types.d.ts, which shadows the global.
const WEB_TYPES = ['CryptoKey', 'CryptoKeyPair', 'JsonWebKey', 'KeyUsage', 'HeadersInit']
let shadowed = 0
for (const file of readdirSync(DIST, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.d.ts') || file === 'web-types.d.ts') continue
  const path = `${DIST}/${file}`
  const source = readFileSync(path, 'utf8')
  // Code only: a name in a comment needs no import.
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
  const names = WEB_TYPES.filter((name) => new RegExp(`\\b${name}\\b`).test(code))
  if (names.length === 0) continue
  const depth = file.split('/').length - 1
  const specifier = depth === 0 ? './web-types.js' : `${'../'.repeat(depth)}web-types.js`
  writeFileSync(path, `import type { ${names.join(', ')} } from '${specifier}';\n${source}`)
  shadowed++
}
// src/index.ts exports each verb behind atBoundary (`export const x = atBoundary(xImpl)`), whose
// declaration carries no documentation: editors would show none on hover. Each such wrapper gets
// the JSDoc of the function it wraps, copied from that function's declaration file.
const INDEX = `${DIST}/index.d.ts`
const imports = new Map(
  [...readFileSync(INDEX, 'utf8').matchAll(/import \{ ([^}]+) \} from '(\.[^']+)\.js';/g)].flatMap(([, names = '', from = '']) =>
    [...names.matchAll(/(\w+) as (\w+)/g)].map(([, name, local]) => [local, { name, from }]),
  ),
)
let documented = 0
const undocumented = []
const index = readFileSync(INDEX, 'utf8').replace(/^export declare const (\w+): typeof (\w+);$/gm, (line, name, local) => {
  const origin = imports.get(local)
  if (origin === undefined) return (undocumented.push(name), line)
  const declarations = readFileSync(`${DIST}/${origin.from.slice(2)}.d.ts`, 'utf8')
  const doc = new RegExp(`(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/)\\s*export declare (?:function|const) ${origin.name}\\b`).exec(declarations)?.[1]
  if (doc === undefined) return (undocumented.push(name), line)
  documented++
  return `${doc}\n${line}`
})
writeFileSync(INDEX, index)
// A public verb without documentation fails the build (and so the pack check and CI).
if (undocumented.length > 0) {
  console.error(`build: public verbs without JSDoc: ${undocumented.join(', ')}`)
  process.exit(1)
}
// The CLI (package.json "bin"): one file importing the library as ./index.js, so it adds no copy of it.
await bundleCli({ outfile: `${DIST}/cli.js`, library: 'external' })
console.log(`build: dist/ written, with dist/cli.js (${rewritten} declaration files had .ts specifiers rewritten to .js, ${shadowed} import the web types, ${documented} public verbs documented)`)
