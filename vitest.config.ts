import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text'],
      // Enforced on every `npm test`: a drop in coverage fails the run, so no check goes untested.
      thresholds: { lines: 95, branches: 90 },
    },
  },
})
