import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { name: 'diff', include: ['src/**/*.test.ts'] },
})
