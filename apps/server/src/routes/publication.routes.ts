/**
 * Public pages of published texts, no session needed: `/p/:slug` (current
 * publication) and `/p/:slug/:versionId`. HTML by default; JSON with
 * `Accept: application/json` or `?format=json`.
 */
import { Hono, type Context } from 'hono'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { escapeHtml, renderPublicationHtml } from '../publication/render-html.ts'
import { publishedVersion } from '../services/publication.ts'

function wantsJson(c: Context): boolean {
  const format = c.req.query('format')
  if (format === 'json') return true
  if (format === 'html') return false
  const accept = c.req.header('accept') ?? ''
  return accept.includes('application/json') && !accept.includes('text/html')
}

export function publicationRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  const handler = async (c: Context) => {
    const json = wantsJson(c)
    try {
      const result = await publishedVersion(ctx, c.req.param('slug') ?? '', c.req.param('versionId') ?? null)
      c.header('Cache-Control', 'public, max-age=60')
      // The page needs nothing but its inline style: forbid everything else, scripts first.
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
      return json ? c.json(result.json) : c.html(renderPublicationHtml(result.texte, result.facts))
    } catch (err) {
      if (json || !(err instanceof AppError)) throw err
      return c.html(`<!doctype html><html lang="fr"><meta charset="utf-8"><title>Introuvable</title><p>${escapeHtml(err.message)}</p></html>`, err.status)
    }
  }
  app.get('/:slug', handler)
  app.get('/:slug/:versionId', handler)
  return app
}
