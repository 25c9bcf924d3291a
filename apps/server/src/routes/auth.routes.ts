/**
 * Authentication routes: login (rate-limited per email and client address,
 * and per password and client address against spraying; each attempt is
 * counted before its password is checked), logout, and `GET /api/me`. The
 * session cookie is httpOnly and SameSite=Lax.
 */
import { createHmac } from 'node:crypto'
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { getConnInfo } from '@hono/node-server/conninfo'
import { z } from 'zod'
import { createSession, destroySession, SESSION_COOKIE } from '../auth/session.ts'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { readJson } from '../http/body.ts'
import { requireUser } from '../http/auth.ts'
import { checkCredentials } from '../services/accounts.ts'
import { sessionFromToken } from '../auth/session.ts'
import { audit } from '../services/audit.ts'

const loginBody = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
})

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'inconnu'
  } catch {
    return 'inconnu'
  }
}

function secureCookie(ctx: AppContext, c: Context): boolean {
  if (ctx.config.cookieSecure === 'auto') return new URL(c.req.url).protocol === 'https:'
  return ctx.config.cookieSecure === 'true'
}

export function authRoutes(ctx: AppContext): Hono {
  const app = new Hono()

  app.post('/auth/login', async (c) => {
    const { email, password } = await readJson(c, loginBody)
    const address = clientAddress(c)
    const accountKey = `compte:${email.trim().toLowerCase()}|${address}`
    // Only a keyed digest of the password is kept in memory, never the password.
    const sprayKey = `mot-de-passe:${address}|${createHmac('sha256', ctx.config.sessionSecret).update(password).digest('base64url')}`
    const attempt = ctx.loginLimiter.reserve([accountKey, sprayKey])
    if (attempt.retryAfter > 0) {
      c.header('Retry-After', String(attempt.retryAfter))
      throw new AppError(429, 'trop_de_tentatives', `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(attempt.retryAfter / 60)} minute(s).`)
    }
    const userId = await checkCredentials(ctx.database.db, email, password)
    if (!userId) throw new AppError(401, 'identifiants_invalides', 'Adresse électronique ou mot de passe incorrect.')
    attempt.succeeded([accountKey])
    const { token, expiresAt } = await createSession(ctx, userId)
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'Lax', path: '/', secure: secureCookie(ctx, c), expires: expiresAt,
    })
    const who = await sessionFromToken(ctx, token)
    if (who) await audit(ctx.database.db, who, 'auth.login', { type: 'user', id: who.user.id })
    return c.json(who)
  })

  app.post('/auth/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    if (token) await destroySession(ctx, token)
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.body(null, 204)
  })

  app.get('/me', async (c) => c.json(await requireUser(ctx, c)))

  return app
}
