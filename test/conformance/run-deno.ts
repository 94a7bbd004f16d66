// Deno runner: `deno run --no-config --no-remote --no-npm test/conformance/run-deno.ts`.
// No permission flags: the suite needs none (static imports, Web Crypto), so Deno also proves it touches no file or network.
import { isSuccess, run } from './index.ts'

declare const Deno: { exit(code: number): never; version: { deno: string; v8: string } }

console.log(`runtime: deno ${Deno.version.deno} (v8 ${Deno.version.v8})`)
const result = await run()
// Non-zero on a failure and on a run that passed nothing.
if (!isSuccess(result)) Deno.exit(1)
