/**
 * `GET /api/health`: the server is up, on which kind of database, and in
 * demo mode whether the demo is active. The demo passwords (for the sign-in
 * screen's one-click logins) go only to a caller on this machine (loopback
 * address): a demo server opened to the network with `HOST`/`--host` does
 * not hand them to anyone who asks.
 */
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppContext } from '../context.ts'

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return v4.startsWith('127.') || address === '::1'
}

function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address
  } catch {
    return undefined
  }
}

export function healthRoute(ctx: AppContext) {
  return (c: Context) => c.json({
    status: 'ok',
    db: ctx.database.kind,
    ...(ctx.demo ? { demo: true, ...(isLoopbackAddress(remoteAddress(c)) ? { demoLogins: ctx.demo.logins } : {}) } : {}),
  })
}
