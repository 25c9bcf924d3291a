/**
 * Versions created at the same moment by several organisations get distinct
 * numbers and form one unbroken chain (the losers of the race retry on top
 * of the winners).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFiches, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('concurrent version creation ($name)', (target) => {
  let w: ApiWorld
  beforeAll(async () => {
    w = await startApiWorld(target)
    await addFiches(w, ['Opérateur'])
  })
  afterAll(async () => { await w?.stop() })

  it('numbers and chains simultaneous versions without loss', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      (i % 2 === 0 ? w.as.chair : w.as.editor).post(`/api/negotiations/${w.negotiationId}/versions`, { label: `simultanée ${i}` })))
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201))
    const versions = (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions`)).json.versions
    expect(versions.map((v: any) => v.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(versions[0].parentId).toBeNull()
    for (let i = 1; i < versions.length; i++) expect(versions[i].parentId).toBe(versions[i - 1].id)
    expect((await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions/verify`)).json.ok).toBe(true)
  })
})
