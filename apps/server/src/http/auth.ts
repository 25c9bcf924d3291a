/** Reads the caller's session on a request; 401 in the common format when there is none. */
import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { sessionFromToken, SESSION_COOKIE } from '../auth/session.ts'
import type { AppContext } from '../context.ts'
import { unauthenticated } from '../errors.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'

export async function optionalUser(ctx: AppContext, c: Context): Promise<SessionIdentity | null> {
  return sessionFromToken(ctx, getCookie(c, SESSION_COOKIE))
}

export async function requireUser(ctx: AppContext, c: Context): Promise<SessionIdentity> {
  const who = await optionalUser(ctx, c)
  if (!who) throw unauthenticated()
  return who
}
