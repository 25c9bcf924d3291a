/**
 * The Hono application: global middleware (body limits, CSRF, security
 * headers), one sub-app per domain mounted under /api, the public
 * publication pages under /p, the built editor for everything else, and the
 * single `onError`. `createApp` builds it from an `AppContext`; it does not
 * listen (see `server.ts`), so tests can also call `app.request()`.
 */
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { AppContext } from './context.ts'
import { errorBody, onError } from './errors.ts'
import { limitBody } from './http/body-limit.ts'
import { csrfProtection } from './http/csrf.ts'
import { amendmentRoutes } from './routes/amendment.routes.ts'
import { amendmentTableauRoutes } from './routes/amendment-tableau.routes.ts'
import { authRoutes } from './routes/auth.routes.ts'
import { circuitRoutes } from './routes/circuit.routes.ts'
import { lockRoutes } from './routes/lock.routes.ts'
import { memberRoutes } from './routes/member.routes.ts'
import { ficheRoutes } from './routes/fiche.routes.ts'
import { importRoutes } from './routes/import.routes.ts'
import { negotiationRoutes } from './routes/negotiation.routes.ts'
import { healthRoute } from './routes/health.routes.ts'
import { openApiDocument } from './routes/openapi.ts'
import { proposalRoutes } from './routes/proposal.routes.ts'
import { publicationRoutes } from './routes/publication.routes.ts'
import { versionRoutes } from './routes/version.routes.ts'
import { diffRoutes } from './routes/diff.routes.ts'
import { searchRoutes } from './routes/search.routes.ts'
import { staticRoutes } from './routes/static.ts'
import { threadRoutes } from './routes/thread.routes.ts'
import { syncRoutes } from './sync/index.ts'

/** Routes mounted under /api, in one list so that the OpenAPI test can compare against it. */
export function apiRoutes(ctx: AppContext): Hono {
  const api = new Hono()
  api.get('/health', healthRoute(ctx))
  api.get('/openapi.json', (c) => c.json(openApiDocument))
  api.route('/', authRoutes(ctx))
  api.route('/', negotiationRoutes(ctx))
  api.route('/', importRoutes(ctx))
  api.route('/', ficheRoutes(ctx))
  api.route('/', versionRoutes(ctx))
  api.route('/', circuitRoutes(ctx))
  api.route('/', lockRoutes(ctx))
  api.route('/', proposalRoutes(ctx))
  api.route('/', diffRoutes(ctx))
  api.route('/', searchRoutes(ctx))
  api.route('/', amendmentRoutes(ctx))
  api.route('/', amendmentTableauRoutes(ctx))
  api.route('/', threadRoutes(ctx))
  api.route('/', memberRoutes(ctx))
  return api
}

export function createApp(ctx: AppContext): Hono {
  const app = new Hono()
  app.onError(onError)
  app.use('*', secureHeaders({ crossOriginEmbedderPolicy: false, contentSecurityPolicy: undefined }))
  app.use('/api/*', async (c, next) => {
    const isImport = c.req.method === 'POST' && /^\/api\/negotiations\/[^/]+\/import$/.test(c.req.path)
    return limitBody(isImport ? ctx.config.maxImportBytes : ctx.config.maxBodyBytes)(c, next)
  })
  app.use('/api/*', csrfProtection(ctx.config.allowedOrigins))
  app.route('/api', apiRoutes(ctx))
  app.route('/sync', syncRoutes(ctx))
  app.route('/p', publicationRoutes(ctx))
  app.all('/api/*', (c) => c.json(errorBody('route_inconnue', `Route inconnue : ${c.req.method} ${c.req.path}.`), 404))
  app.route('/', staticRoutes(ctx.config.editorDist))
  app.notFound((c) => c.json(errorBody('introuvable', 'Ressource introuvable.'), 404))
  return app
}
