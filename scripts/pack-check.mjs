// @ts-check
// `npm run pack-check`: what a user gets from `npm install webjose`. Builds and packs the package,
// installs the tarball into a fresh project, imports it by name and runs a smoke test (Node, Deno,
// Bun), typechecks a TypeScript consumer, then runs publint and attw on the tarball.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

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

  // 3. A TypeScript consumer (strict, NodeNext resolution) sees the same names with types.
  writeFileSync(join(project, 'consumer.ts'), readFileSync(`${ROOT}scripts/pack-consumer.ts.txt`))
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], noEmit: true, types: [] },
      files: ['consumer.ts'],
    }),
  )
  sh(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', project])

  // 4. Package linters, on the tarball itself. The package is ESM-only by design (no CJS build).
  sh(`${BIN}/publint`, ['run', tarball, '--strict'])
  sh(`${BIN}/attw`, [tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'table-flipped', '--no-color'])
  console.log('pack-check: OK')
} finally {
  rmSync(work, { recursive: true, force: true })
}
