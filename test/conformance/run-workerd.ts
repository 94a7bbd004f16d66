// workerd runner: bundled by esbuild and served by workerd on loopback (scripts/conformance-workerd.mjs).
// The suite runs inside a request, where Workers allow crypto and timers; the log comes back as the body.
import { isSuccess, run } from './index.ts'

export default {
  async fetch(): Promise<Response> {
    const lines: string[] = []
    try {
      const result = await run((line) => lines.push(line))
      return new Response(lines.join('\n') + '\n', { status: isSuccess(result) ? 200 : 500 })
    } catch (error) {
      lines.push(`suite error: ${String(error)}`)
      return new Response(lines.join('\n') + '\n', { status: 500 })
    }
  },
}
