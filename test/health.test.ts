import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const port = 3900 + Math.floor(Math.random() * 90)
const child = spawn(join(root, 'node_modules/.bin/tsx'), ['apps/server/src/cli/main.ts', 'serve'], {
  cwd: root,
  env: { ...process.env, PORT: String(port) },
  stdio: ['ignore', 'pipe', 'inherit'],
})
afterAll(() => { child.kill() })

it('serves the health endpoint and the editor page', async () => {
  await once(child.stdout!, 'data')
  const health = await fetch(`http://127.0.0.1:${port}/api/health`)
  expect(await health.json()).toEqual({ status: 'ok', db: 'pglite' })
  const page = await fetch(`http://127.0.0.1:${port}/`)
  expect(await page.text()).toContain('<div id="root">')
})
