/**
 * The OpenAPI document served at /api/openapi.json describes every route the
 * application registers under /api and /p — and nothing that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '@paritaire/server'
import { startAppServer, type AppServer } from '../utils/app-server.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('OpenAPI document ($name)', (target) => {
  let server: AppServer
  beforeAll(async () => { server = await startAppServer(target) })
  afterAll(async () => { await server?.stop() })

  it('lists exactly the registered /api and /p routes', async () => {
    const res = await fetch(`${server.url}/api/openapi.json`)
    expect(res.status).toBe(200)
    const doc = await res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> }
    expect(doc.openapi).toMatch(/^3\./)
    const documented = new Set<string>()
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)
    }
    const registered = new Set(createApp(server.ctx).routes
      .filter((r) => r.method !== 'ALL' && /^\/(api|p)\//.test(r.path) && !r.path.includes('*'))
      .map((r) => `${r.method} ${r.path}`))
    expect(registered.size).toBeGreaterThan(20)
    const undocumented = [...registered].filter((r) => !documented.has(r))
    expect(undocumented).toEqual([])
    const phantom = [...documented].filter((r) => !registered.has(r))
    expect(phantom).toEqual([])
  })

  it('describes the answers added for rights and hostile input', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json() as any
    expect(doc.paths['/api/negotiations/{id}/members/{organisation}'].delete.responses).toHaveProperty('204')
    expect(doc.paths['/api/fiches/{id}'].put.summary).toMatch(/64 niveaux/)
    expect(doc.paths['/api/auth/login'].post.responses).toHaveProperty('429')
    expect(doc.paths['/api/health'].get.summary).toMatch(/appelant local/)
    expect(doc.components.responses.E404.description).toMatch(/même réponse/)
  })
})
