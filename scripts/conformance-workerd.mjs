// @ts-check
// workerd runner: bundles test/conformance/run-workerd.ts with esbuild, serves it from workerd on
// loopback and runs the suite with one request, whose body is the suite's log. Whatever fails,
// workerd is killed and the process exits non-zero within 60 s.
import { execFileSync } from 'node:child_process'
import { bundleConformance } from './lib/conformance-bundle.mjs'
import { WORKERD, startWorkerd } from './lib/workerd.mjs'

const REQUEST_TIMEOUT_MS = 30_000

export async function runWorkerd() {
  const script = await bundleConformance('test/conformance/run-workerd.ts', 'neutral')
  const version = execFileSync(WORKERD, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim()
  const server = await startWorkerd({ script })
  try {
    console.log(`runtime: ${version}`)
    const response = await fetch(`${server.origin}/`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    process.stdout.write(await response.text())
    if (response.status !== 200) console.log(server.output())
    return response.status === 200 ? 0 : 1
  } finally {
    server.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The last resort if a close itself hangs: a failing run must still end, non-zero.
  setTimeout(() => {
    console.error('workerd: FAILED: no result within 55 s')
    process.exit(1)
  }, 55_000).unref()
  process.exitCode = await runWorkerd().catch((error) => {
    console.error(`workerd: FAILED: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  })
}
