/**
 * Serves the built editor (`apps/editor/dist`) and falls back to its
 * `index.html` for client-side routes: any GET outside /api, /p and /sync
 * that is not a file. When the editor is not built, says so in French.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'

const RESERVED = /^\/(api|p|sync)(\/|$)/

export function staticRoutes(editorDist: string): Hono {
  const app = new Hono()
  const root = relative(process.cwd(), editorDist) || '.'
  const indexPath = join(editorDist, 'index.html')

  app.use('*', async (c, next) => {
    if (RESERVED.test(c.req.path)) return next()
    return serveStatic({ root })(c, next)
  })

  app.get('*', (c) => {
    if (RESERVED.test(c.req.path)) return c.notFound()
    if (!existsSync(indexPath)) {
      return c.html('<!doctype html><html lang="fr"><meta charset="utf-8"><title>Paritaire</title><p>L’éditeur n’est pas construit : lancez <code>npm start</code>.</p></html>', 503)
    }
    // Read at each request: a rebuilt editor is picked up without restarting.
    return c.html(readFileSync(indexPath, 'utf8'))
  })

  return app
}
