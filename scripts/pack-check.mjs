// @ts-check
// `npm run pack-check`: what a user gets from `npm install webjose`. Builds and packs the package,
// installs the tarball into a fresh project, imports it by name and runs a smoke test (Node 20, 22, 24
// and 26, Deno, Bun), require()s it from a CommonJS project, typechecks a TypeScript consumer with and without
// the DOM lib, then runs publint and attw on the tarball.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { nodeBinaries } from './lib/node-versions.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = `${ROOT}node_modules/.bin`
const work = mkdtempSync(join(tmpdir(), 'webjose-pack-'))

/** Runs a command, echoing it; exits the check on failure. Returns stdout when captured. */
function sh(command, args, { cwd = ROOT, capture = false } = {}) {
  console.log(`pack-check: $ ${[command, ...args].join(' ')}`)
  // A step that hangs is killed: the check must fail, not wait forever.
  const result = spawnSync(command, args, { cwd, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', timeout: 60_000 })
  if (result.status !== 0) fail(`${command} exited with ${result.status ?? result.signal}`)
  return result.stdout ?? ''
}

function fail(message) {
  console.error(`pack-check: FAILED: ${message}`)
  rmSync(work, { recursive: true, force: true })
  process.exit(1)
}

try {
  // 1. Build, then pack. prepack would build too, but its output would corrupt --json.
  sh(process.execPath, [`${ROOT}scripts/build.mjs`])
  const [pack] = JSON.parse(sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { capture: true }))
  const tarball = join(work, pack.filename)
  const files = pack.files.map((/** @type {{ path: string }} */ f) => f.path)
  console.log(`pack-check: ${pack.filename}: ${files.length} files, ${pack.size} bytes packed, ${pack.unpackedSize} unpacked`)
  for (const required of ['package.json', 'dist/index.js', 'dist/index.d.ts']) {
    if (!files.includes(required)) fail(`tarball lacks ${required}`)
  }
  // Only built output ships: no sources, tests or vectors.
  const stray = files.filter((f) => !/^(package\.json|README\.md|LICENSE(\.\w+)?|dist\/.+\.(js|d\.ts|js\.map))$/.test(f))
  if (stray.length > 0) fail(`unexpected files in the tarball: ${stray.join(', ')}`)

  // 2. A fresh consumer project; the package has no dependencies, so the install needs no network.
  const project = join(work, 'consumer')
  sh('mkdir', ['-p', project])
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: project })
  writeFileSync(join(project, 'smoke.mjs'), readFileSync(`${ROOT}scripts/pack-smoke.mjs`))
  sh(process.execPath, ['smoke.mjs'], { cwd: project })
  // The same installed package under Deno (node_modules resolution, nothing remote) and Bun.
  process.env.DENO_NO_UPDATE_CHECK = '1'
  sh(`${BIN}/deno`, ['run', '--no-remote', '--no-lock', '--no-prompt', 'smoke.mjs'], { cwd: project })
  sh(`${BIN}/bun`, ['run', '--no-install', 'smoke.mjs'], { cwd: project })
  // The CLI ("bin"): npx finds the installed package's bin, offline, as a user's `npx webjose` would.
  const help = sh('npx', ['--offline', '--no-install', 'webjose', '--help'], { cwd: project, capture: true })
  if (!help.includes('usage: webjose <command>')) fail('npx webjose --help printed no usage')

  // 3. A CommonJS project (what `npm init -y` makes): Node ≥ 20.19 require()s the ES module build.
  const cjsProject = join(work, 'consumer-cjs')
  sh('mkdir', ['-p', cjsProject])
  writeFileSync(join(cjsProject, 'package.json'), JSON.stringify({ name: 'consumer-cjs', private: true }))
  sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: cjsProject })
  writeFileSync(join(cjsProject, 'smoke.cjs'), readFileSync(`${ROOT}scripts/pack-smoke.cjs`))
  sh(process.execPath, ['smoke.cjs'], { cwd: cjsProject })
  // The same two projects under every other Node users run (devDependencies node22, node24, node26).
  const binaries = nodeBinaries()
  for (const major of ['22', '24', '26']) {
    const binary = binaries[major]
    if (binary === undefined) fail(`node${major} is not installed (npm ci installs the devDependency node${major})`)
    sh(binary, ['smoke.mjs'], { cwd: project })
    sh(binary, ['smoke.cjs'], { cwd: cjsProject })
  }

  // 4. A TypeScript consumer (strict, NodeNext resolution) sees the same names with types, in the
  // two usual setups: the DOM lib, and a Node server's ES2022 + @types/node without it. The
  // CommonJS project compiles it too (TypeScript ≥ 5.8 models require() of an ES module).
  const consumer = readFileSync(`${ROOT}scripts/pack-consumer.ts.txt`)
  const base = { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true }
  const setups = {
    dom: { lib: ['ES2022', 'DOM'], types: [] },
    node: { lib: ['ES2022'], types: ['node'], typeRoots: [`${ROOT}node_modules/@types`] },
  }
  // The README's examples marked `<!-- pack-check: file.ts | prelude -->` compile as written too.
  const examples = [...readFileSync(`${ROOT}README.md`, 'utf8').matchAll(/<!-- pack-check: (\S+\.ts)(?: \| (.*?))? -->\n```ts\n([\s\S]*?)```/g)]
  if (examples.length < 4) fail(`expected the README's 4 marked examples, found ${examples.length}`)
  for (const [, file, prelude, code] of examples) writeFileSync(join(project, file), `${prelude ?? ''}\n${code}`)
  for (const dir of [project, cjsProject]) {
    writeFileSync(join(dir, 'consumer.ts'), consumer)
    for (const [name, options] of Object.entries(setups)) {
      const config = `tsconfig.${name}.json`
      // The examples are Node servers (node:http, process.env): the Node setup, ESM project.
      const files = dir === project && name === 'node' ? ['consumer.ts', ...examples.map(([, file]) => file)] : ['consumer.ts']
      writeFileSync(join(dir, config), JSON.stringify({ compilerOptions: { ...base, ...options }, files }))
      sh(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', join(dir, config)])
    }
  }

  // 5. Package linters, on the tarball itself. One ES module build: CommonJS loads it through
  // require(esm) (Node ≥ 20.19), so attw's node16-cjs resolution is not one this package serves.
  sh(`${BIN}/publint`, ['run', tarball, '--strict'])
  sh(`${BIN}/attw`, [tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'table-flipped', '--no-color'])
  console.log('pack-check: OK')
} finally {
  rmSync(work, { recursive: true, force: true })
}
