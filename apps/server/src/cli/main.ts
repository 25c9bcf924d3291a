/**
 * The `paritaire` command line. For now: `serve`, the HTTP server with the
 * health endpoint and the built editor.
 */
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'

const [command] = process.argv.slice(2)
if (command !== 'serve') {
  console.error('usage: paritaire serve')
  process.exit(2)
}
const app = new Hono()
app.get('/api/health', (c) => c.json({ status: 'ok', db: 'pglite' }))
app.use('/*', serveStatic({ root: './apps/editor/dist' }))
const port = Number(process.env.PORT ?? 3000)
serve({ fetch: app.fetch, port }, (info) => console.log(`Paritaire: http://localhost:${info.port}/`))
