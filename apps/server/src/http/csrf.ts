/**
 * CSRF protection for state-changing requests (everything but GET, HEAD and
 * OPTIONS): the request must carry either a JSON content type or the
 * `X-Requested-With` header — neither can be sent cross-site without a CORS
 * preflight, which this server never grants — and, when the browser sends
 * an `Origin` (or `Sec-Fetch-Site`), it must be this server's own origin or
 * one listed in `ALLOWED_ORIGINS`. Combined with SameSite=Lax cookies.
 */
import type { MiddlewareHandler } from 'hono'
import { AppError } from '../errors.ts'
import { isJsonContentType } from './body.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function csrfProtection(allowedOrigins: string[]): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const origin = c.req.header('origin')
    if (origin && origin !== 'null') {
      let originHost: string | null = null
      try { originHost = new URL(origin).host } catch { originHost = null }
      const ownHost = c.req.header('host') ?? new URL(c.req.url).host
      if (originHost !== ownHost && !allowedOrigins.includes(origin)) {
        throw new AppError(403, 'origine_refusee', `Requête refusée : l'origine ${origin} n'est pas autorisée.`)
      }
    } else if (origin === 'null' || c.req.header('sec-fetch-site') === 'cross-site') {
      throw new AppError(403, 'origine_refusee', "Requête refusée : elle provient d'un autre site.")
    }
    if (!isJsonContentType(c.req.header('content-type')) && !c.req.header('x-requested-with')) {
      throw new AppError(403, 'csrf', "Requête refusée : envoyez du JSON (Content-Type: application/json) ou l'en-tête X-Requested-With.")
    }
    return next()
  }
}
