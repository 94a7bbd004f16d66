// Browser entry, bundled by esbuild and loaded by scripts/conformance-chromium.mjs. The result goes to a
// window global that the runner polls; each log line also reaches it as a console message.
import { isSuccess, run, type RunResult } from './index.ts'

type Report = { ok: boolean; userAgent: string; result?: RunResult; error?: string }
const target = globalThis as typeof globalThis & { __conformance?: Report }

try {
  const result = await run()
  target.__conformance = { ok: isSuccess(result), userAgent: navigator.userAgent, result }
} catch (error) {
  target.__conformance = { ok: false, userAgent: navigator.userAgent, error: String(error) }
}
