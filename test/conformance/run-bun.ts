// Bun runner: `bun run --no-install test/conformance/run-bun.ts` (Bun runs the TypeScript source as is).
import { isSuccess, run } from './index.ts'

declare const Bun: { version: string; revision: string }

console.log(`runtime: bun ${Bun.version} (${Bun.revision.slice(0, 9)})`)
const result = await run()
// Non-zero on a failure and on a run that passed nothing.
if (!isSuccess(result)) process.exit(1)
