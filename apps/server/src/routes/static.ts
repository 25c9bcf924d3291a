/**
 * Serves the built editor (`apps/editor/dist`) and falls back to its
 * `index.html` for client-side routes: any GET outside /api, /p and /sync
 * that is not a file. When the editor is not built, says so in French.
 *
 * Caching: files under `assets/` carry a content hash in their name, so they
 * are cached for a year as immutable; everything else (index.html first)
 * is revalidated on each use, so a new build is picked up at once.
 * Compression: the build writes `.br` and `.gz` copies (see the editor's
 * precompress plugin) and the one the browser accepts is sent as is.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'

const RESERVED = /^\/(api|p|sync)(\/|$)/

export const IMMUTABLE = 'public, max-age=31536000, immutable'

/** Hashed build output is immutable; anything else must be revalidated. */
export function cacheControl(path: string): string {
  return /(^|\/)assets\/[^/]+$/.test(path.replace(/\.(br|gz|zst)$/, '')) ? IMMUTABLE : 'no-cache'
}

export function staticRoutes(editorDist: string): Hono {
  const app = new Hono()
  const root = relative(process.cwd(), editorDist) || '.'
  const indexPath = join(editorDist, 'index.html')

  app.use('*', async (c, next) => {
    if (RESERVED.test(c.req.path)) return next()
    return serveStatic({ root, precompressed: true, onFound: (path, c) => { c.header('Cache-Control', cacheControl(path)) } })(c, next)
  })

  app.get('*', (c) => {
    if (RESERVED.test(c.req.path)) return c.notFound()
    if (!existsSync(indexPath)) {
      return c.html('<!doctype html><html lang="fr"><meta charset="utf-8"><title>Paritaire</title><p>L’éditeur n’est pas construit : lancez <code>npm start</code>.</p></html>', 503)
    }
    // Read at each request: a rebuilt editor is picked up without restarting.
    c.header('Cache-Control', 'no-cache')
    return c.html(readFileSync(indexPath, 'utf8'))
  })

  return app
}
