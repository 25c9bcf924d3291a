/**
 * One-call setup for API tests: an in-process server on a fresh database,
 * the seeded world (one organisation per role, see seed.ts), and an HTTP
 * client logged in for each role plus an anonymous one.
 *
 *   let w: ApiWorld
 *   beforeAll(async () => { w = await startApiWorld(target) })
 *   afterAll(() => w.stop())
 *   await w.as.editor.post(`/api/negotiations/${w.negotiationId}/versions`, { label: 'v1' })
 */
import type { DatabaseTarget } from './db.ts'
import { startAppServer, type AppServer } from './app-server.ts'
import { ApiClient } from './http.ts'
import { seedWorld, WORLD_ROLES, type World, type WorldRole } from './seed.ts'

export interface ApiWorld extends World {
  server: AppServer
  as: Record<WorldRole, ApiClient>
  anonymous: ApiClient
  stop(): Promise<void>
}

export async function startApiWorld(target: DatabaseTarget, env: Record<string, string> = {}): Promise<ApiWorld> {
  const server = await startAppServer(target, env)
  const world = await seedWorld(server.ctx)
  const as = {} as Record<WorldRole, ApiClient>
  for (const role of WORLD_ROLES) as[role] = await new ApiClient(server.url).login(world.users[role].email, world.users[role].password)
  return { ...world, server, as, anonymous: new ApiClient(server.url), stop: () => server.stop() }
}

/** Creates fiches with the given titles on the main draft (as the chair); returns their ids. */
export async function addFiches(w: ApiWorld, titles: string[], negotiationId = w.negotiationId): Promise<string[]> {
  const ids: string[] = []
  for (const intitule of titles) {
    const res = await w.as.chair.post(`/api/negotiations/${negotiationId}/fiches`, { intitule })
    if (res.status !== 201) throw new Error(`création de fiche refusée : ${res.status} ${res.text}`)
    ids.push(res.json.fiche.id)
  }
  return ids
}

/** Creates a version of the main draft (or of a proposal) as `who`; returns it. */
export async function addVersion(w: ApiWorld, label: string, who: WorldRole = 'chair', proposalId?: string): Promise<any> {
  const res = await w.as[who].post(`/api/negotiations/${w.negotiationId}/versions`, proposalId ? { label, proposalId } : { label })
  if (res.status !== 201) throw new Error(`création de version refusée : ${res.status} ${res.text}`)
  return res.json.version
}

/**
 * The representativeness of the seeded world's unions: the editor's
 * organisation weighs 60 % (alone over 50 %: an agreement it signs with the
 * chair's employer organisation is valid at once), the commenter's 40 %.
 */
export async function setWorldWeights(w: ApiWorld, weights = { editor: 60, commenter: 40 }): Promise<void> {
  const res = await w.as.chair.put(`/api/negotiations/${w.negotiationId}/representativite`, {
    weights: Object.entries(weights).map(([role, percent]) => ({ organisation: w.users[role as WorldRole].organisation, percent })),
    source: 'Arrêté de représentativité de test',
  })
  // Frozen once a version is signed: the weights set before still hold.
  if (res.status !== 200 && res.json?.error?.code !== 'representativite_figee') throw new Error(`représentativité refusée : ${res.status} ${res.text}`)
}

/**
 * Takes a version from draft to the given status through the API, with the
 * right roles: the editor's union signs (after the weights are set), and
 * before publication the chair's employer organisation signs too, which
 * makes the agreement valid at once (signatories over 50 %).
 */
export async function advance(w: ApiWorld, versionId: string, to: 'proposal' | 'agreed' | 'signed' | 'published'): Promise<void> {
  const steps = ['proposal', 'agreed', 'signed', 'published'] as const
  for (const step of steps.slice(0, steps.indexOf(to) + 1)) {
    let res
    if (step === 'signed') {
      await setWorldWeights(w)
      res = await w.as.editor.post(`/api/versions/${versionId}/signatures`, {})
    } else {
      if (step === 'published') {
        const sig = await w.as.chair.post(`/api/versions/${versionId}/signatures`, {})
        if (sig.status !== 201) throw new Error(`signature de l’employeur refusée : ${sig.status} ${sig.text}`)
      }
      res = await w.as.chair.post(`/api/versions/${versionId}/status`, { status: step })
    }
    if (res.status !== 200 && res.status !== 201) throw new Error(`étape ${step} refusée : ${res.status} ${res.text}`)
  }
}
