import { defineConfig } from 'vitest/config'

// Cross-package, multi-process, database and browser tests. Files run one at a
// time: they start real servers and browsers, and the machine has two cores.
export default defineConfig({
  test: {
    name: 'integration',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'bench/**'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
