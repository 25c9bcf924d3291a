/**
 * The tamper-evident history: each version's SHA-256 is chained to its
 * parent's; the verify endpoints recompute the chain and name the first
 * version that no longer matches after a raw SQL change to its content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chainHash, contentHash, sql } from '@paritaire/server'
import { addFiches, addVersion, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('version hash chain ($name)', (target) => {
  let w: ApiWorld
  const versions: any[] = []
  beforeAll(async () => {
    w = await startApiWorld(target)
    const [ficheId] = await addFiches(w, ['Retoucheur'])
    versions.push(await addVersion(w, 'v1'))
    const fiche = (await w.as.editor.get(`/api/fiches/${ficheId}`)).json.fiche
    await w.as.editor.put(`/api/fiches/${ficheId}`, { ...fiche, classement: { ...fiche.classement, coefficient: 155 } })
    versions.push(await addVersion(w, 'v2', 'editor'))
    versions.push(await addVersion(w, 'v3'))
  })
  afterAll(async () => { await w?.stop() })

  it('chains each version to its parent with SHA-256', async () => {
    const [v1, v2, v3] = versions
    expect(v1.parentId).toBeNull()
    expect(v2.parentId).toBe(v1.id)
    expect(v3.parentId).toBe(v2.id)
    const t1 = (await w.as.viewer.get(`/api/versions/${v1.id}`)).json.version.texte
    const t2 = (await w.as.viewer.get(`/api/versions/${v2.id}`)).json.version.texte
    expect(v1.contentHash).toBe(contentHash(t1))
    expect(v1.hash).toBe(chainHash(null, contentHash(t1)))
    expect(v2.hash).toBe(chainHash(v1.hash, contentHash(t2)))
    expect(t2.fiches[0].classement.coefficient).toBe(155)
    // Same content, different place in the chain: different chained hash.
    expect(v3.contentHash).toBe(v2.contentHash)
    expect(v3.hash).not.toBe(v2.hash)
  })

  it('verifies an intact chain', async () => {
    const res = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions/verify`)
    expect(res.json).toEqual({
      ok: true, brokenAt: null, versions: versions.map((v, i) => ({ id: v.id, number: i + 1, ok: true })),
      ledger: { ok: true, events: versions.length, head: { seq: versions.length, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, problems: [] },
    })
  })

  it('detects a raw SQL change to the content of a draft version', async () => {
    const [, v2, v3] = versions
    await sql`update versions set content = jsonb_set(content, '{fiches,0,classement,coefficient}', '999'::jsonb) where id = ${v2.id}`
      .execute(w.server.ctx.database.db)
    const res = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions/verify`)
    expect(res.json.ok).toBe(false)
    expect(res.json.brokenAt).toBe(v2.id)
    expect(res.json.versions[1]).toEqual({ id: v2.id, number: 2, ok: false, problem: expect.stringContaining('empreinte') })
    const one = await w.as.viewer.get(`/api/versions/${v3.id}/verify`)
    expect(one.json.ok).toBe(false)
    expect(one.json.brokenAt).toBe(v2.id)
    const first = await w.as.viewer.get(`/api/versions/${versions[0].id}/verify`)
    expect(first.json.ok).toBe(true)
  })

  it('detects a forged hash too: the children no longer chain', async () => {
    const [, v2, v3] = versions
    // A forger who recomputes v2's own hashes still breaks v3's link.
    const row = await w.server.ctx.database.db.selectFrom('versions').select('content').where('id', '=', v2.id).executeTakeFirstOrThrow()
    const forgedContent = contentHash(row.content)
    const forgedChain = chainHash(versions[0].hash, forgedContent)
    await sql`update versions set content_hash = ${forgedContent}, chain_hash = ${forgedChain} where id = ${v2.id}`.execute(w.server.ctx.database.db)
    const res = await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions/verify`)
    expect(res.json.ok).toBe(false)
    expect(res.json.brokenAt).toBe(v3.id)
  })
})
