// Node runner for the Node-version matrix: bundled by esbuild (scripts/lib/conformance-bundle.mjs) so
// every Node from 20 on runs the same JavaScript, with no TypeScript loader of its own.
import { isSuccess, run } from './index.ts'

console.log(`runtime: node ${process.version} (v8 ${process.versions.v8})`)
const result = await run()
// Non-zero on a failure and on a run that passed nothing.
if (!isSuccess(result)) process.exitCode = 1
