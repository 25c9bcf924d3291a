import { defineConfig } from 'vitest/config'

// One run over every package plus the cross-package tests in test/.
export default defineConfig({
  test: {
    projects: ['packages/schema', 'packages/diff', 'apps/server', 'test'],
  },
})
