import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

// Cross-package, multi-process, database and browser tests. Files run one at a
// time: they start real servers and browsers, and the machine has two cores.

// Browser tests need Debian's chromium, the DOCX check needs LibreOffice.
// CI installs both and must run everything (a missing tool fails there); on
// a developer's machine without them, those files are left out with a
// message saying how to get them, instead of failing `npm test`.
const missing: { files: string[]; why: string }[] = []
if (!process.env.CI) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(chromium)) {
    missing.push({ files: ['browser/**'], why: `chromium introuvable (${chromium}) : apt-get install chromium` })
  }
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status !== 0) {
    missing.push({ files: ['diff/docx-libreoffice.test.ts'], why: 'LibreOffice introuvable : apt-get install libreoffice-writer-nogui' })
  }
}
for (const m of missing) console.warn(`[tests] ${m.files.join(', ')} non exécutés — ${m.why}`)

export default defineConfig({
  test: {
    name: 'integration',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'bench/**', ...missing.flatMap((m) => m.files)],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for an outcome that crosses processes (browser →
    // server → database → browser); latency promises are asserted
    // explicitly where the issue states them, not through this default.
    expect: { poll: { timeout: 10_000 } },
  },
})
