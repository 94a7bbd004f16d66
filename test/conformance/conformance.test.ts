// Node runner: one vitest `it` per conformance test, so `npm test` reports each by name.
import { describe, expect, it } from 'vitest'
import { registeredTests } from './index.ts'

const tests = registeredTests()

describe('conformance (Node)', () => {
  it('registers tests', () => {
    // A suite that registers nothing would otherwise pass silently.
    expect(tests.filter((t) => t.fn !== undefined).length).toBeGreaterThan(0)
  })
  for (const { name, fn, skipReason } of tests) {
    if (fn === undefined) it.skip(`${name} (${skipReason})`)
    else it(name, fn)
  }
})
