/**
 * `npm run demo`: runs the end-to-end flow with console output. Exits 0 when everything
 * happened as expected, 1 otherwise.
 */
import { runDemoFlow } from './flow.ts'
import { unexpectedOutcomes } from './outcomes.ts'

try {
  const summary = await runDemoFlow((line) => console.log(line))
  process.exit(unexpectedOutcomes(summary).length === 0 ? 0 : 1)
} catch (error) {
  console.error('\ndemo failed:', error)
  process.exit(1)
}
