/**
 * Login sessions. The cookie carries a random 256-bit token; the database
 * keeps only its HMAC (keyed with the session secret), so a leaked sessions
 * table does not let anyone log in. `sessionFromCookieHeader` is also what
 * the sync part uses to authenticate a WebSocket upgrade.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { AppContext } from '../context.ts'
import { newId } from '../ids.ts'
import { announceRightsChange } from '../services/rights-events.ts'
import { deleteExpiredSessions, deleteSession, findSessionIdentity, insertSession, type SessionIdentity } from '../repos/session.repo.ts'

export const SESSION_COOKIE = 'paritaire_session'
export type { SessionIdentity }

function tokenHash(ctx: AppContext, token: string): string {
  return createHmac('sha256', ctx.config.sessionSecret).update(token).digest('hex')
}

/** Creates a session for the user; resolves to the token to set as cookie. */
export async function createSession(ctx: AppContext, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlHours * 3600_000)
  // Logins are rare enough to carry the clean-up of expired sessions.
  await deleteExpiredSessions(ctx.database.db, new Date())
  await insertSession(ctx.database.db, { id: newId(), token_hash: tokenHash(ctx, token), user_id: userId, expires_at: expiresAt })
  return { token, expiresAt }
}

/** Ends the session, and tells the live sockets it opened (they close within a second). */
export async function destroySession(ctx: AppContext, token: string): Promise<void> {
  const key = tokenHash(ctx, token)
  await deleteSession(ctx.database.db, key)
  await announceRightsChange(ctx, { kind: 'session-ended', sessionKey: key })
}

/** The stored key of the session a `Cookie` header carries (what sync watches), or null. */
export function sessionKeyFromCookieHeader(ctx: AppContext, cookieHeader: string | null | undefined): string | null {
  const token = readCookie(cookieHeader ?? '', SESSION_COOKIE)
  return token && token.length <= 200 ? tokenHash(ctx, token) : null
}

export async function sessionFromToken(ctx: AppContext, token: string | undefined): Promise<SessionIdentity | null> {
  if (!token || token.length > 200) return null
  return (await findSessionIdentity(ctx.database.db, tokenHash(ctx, token), new Date())) ?? null
}

/** Reads the session cookie out of a raw `Cookie` header (HTTP request or WebSocket upgrade). */
export async function sessionFromCookieHeader(ctx: AppContext, cookieHeader: string | null | undefined): Promise<SessionIdentity | null> {
  return sessionFromToken(ctx, readCookie(cookieHeader ?? '', SESSION_COOKIE))
}

export function readCookie(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim())
      } catch {
        return undefined
      }
    }
  }
  return undefined
}
