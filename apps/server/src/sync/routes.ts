/**
 * `GET /sync/:ficheId`: the WebSocket endpoint of live editing. The upgrade
 * request is authenticated before any socket exists — session cookie, then
 * membership of the fiche's negotiation — so anonymous callers get a 401,
 * non-members and unknown fiches a 404, foreign origins a 403, each as the
 * usual JSON problem. Then Hono's `upgradeWebSocket` (@hono/node-server)
 * hands the socket to a `SyncConnection`.
 */
import { Hono } from 'hono'
import { upgradeWebSocket } from '@hono/node-server'
import { sessionFromCookieHeader, sessionKeyFromCookieHeader } from '../auth/session.ts'
import { AppError, notFound, unauthenticated } from '../errors.ts'
import { liveRole, roleForFiche } from '../services/access.ts'
import { lockRegistryOf } from '../services/locks.ts'
import type { AppContext } from '../context.ts'
import { SyncConnection, type ConnectionInfo, type SocketLike } from './connection.ts'
import { syncServiceOf } from './service.ts'
import { AwarenessGuard, type PresenceIdentity } from './awareness-guard.ts'

type Env = { Variables: { syncInfo: ConnectionInfo; sessionKey: string; presence: PresenceIdentity } }

export function syncRoutes(ctx: AppContext): Hono<Env> {
  const app = new Hono<Env>()
  app.get(
    '/:ficheId',
    async (c, next) => {
      if (!syncServiceOf(ctx)) throw new AppError(503, 'sync_indisponible', "L'édition en direct n'est pas active sur ce serveur.")
      checkOrigin(c.req.header('origin'), c.req.header('host'), ctx.config.allowedOrigins)
      const session = await sessionFromCookieHeader(ctx, c.req.header('cookie'))
      if (!session) throw unauthenticated()
      const ficheId = c.req.param('ficheId')
      const access = await roleForFiche(ctx, ficheId, session.organisation.id)
      if (!access) throw notFound('Fiche introuvable.')
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        throw new AppError(426, 'websocket_requis', 'Cette adresse attend une connexion WebSocket (protocole y-websocket).')
      }
      await lockRegistryOf(ctx).loadFiche(ficheId) // h11: the lock rule answers from memory
      c.set('syncInfo', { ficheId, userId: session.user.id, organisationId: session.organisation.id, role: liveRole(access) })
      c.set('sessionKey', sessionKeyFromCookieHeader(ctx, c.req.header('cookie'))!)
      c.set('presence', { name: session.user.name, organisation: session.organisation.name })
      await next()
    },
    upgradeWebSocket((c) => {
      const service = syncServiceOf(ctx)!
      const info = c.get('syncInfo')
      const sessionKey = c.get('sessionKey')
      const presence = c.get('presence')
      let connection: SyncConnection | null = null
      let untrack = () => {}
      return {
        onOpen(_event, ws) {
          connection = new SyncConnection(ws.raw as unknown as SocketLike, info, service.manager, service.settings)
          connection.presence = new AwarenessGuard(presence)
          untrack = service.rights.track(connection, sessionKey)
          void connection.start()
        },
        onMessage(event) {
          connection?.receive(event.data as ArrayBuffer | string)
        },
        onClose() {
          untrack()
          connection?.onSocketClosed()
        },
      }
    }),
  )
  return app
}

/** Cross-site WebSocket hijacking: a browser always sends Origin; it must be ours or an allowed one. */
function checkOrigin(origin: string | undefined, host: string | undefined, allowed: string[]): void {
  if (!origin) return
  let originHost: string | null = null
  try {
    originHost = new URL(origin).host
  } catch {
    originHost = null
  }
  if (originHost !== host && !allowed.includes(origin)) {
    throw new AppError(403, 'origine_refusee', `Connexion refusée : l'origine ${origin} n'est pas autorisée.`)
  }
}
