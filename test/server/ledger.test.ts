/**
 * The ledger against the database owner, on both databases: raw SQL run as
 * the owner of the tables cannot truncate the append-only tables, and what
 * it can do — insert a forged signature, change a signed version's
 * publication date, disable the triggers and rewrite a published version
 * with recomputed hashes all along the chain — is detected by `verify`,
 * because the rewritten head no longer matches the head the server signed
 * with a key the database does not hold. The published JSON is then also
 * refused by the offline check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson, contentHash, eventHash, sql, verifyPublication } from '@paritaire/server'
import { addFiches, addVersion, advance, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('ledger against the database owner ($name)', (target) => {
  let w: ApiWorld
  let signed: string
  let published: string
  const db = () => w.server.ctx.database.db
  const verify = async () => (await w.as.viewer.get(`/api/negotiations/${w.negotiationId}/versions/verify`)).json
  const publicKey = async () => (await w.anonymous.get('/api/ledger/key')).json.publicKey as string

  beforeAll(async () => {
    w = await startApiWorld(target)
    await addFiches(w, ['Photographe'])
    signed = (await addVersion(w, 'signée')).id
    await advance(w, signed, 'signed')
    published = (await addVersion(w, 'publiée')).id
    await advance(w, published, 'published')
  })
  afterAll(async () => { await w?.stop() })

  it('starts intact, and the published text checks out offline against the public key', async () => {
    const check = await verify()
    expect(check.ledger.problems).toEqual([])
    expect(check.ok).toBe(true)
    const key = await w.anonymous.get('/api/ledger/key')
    expect(key.json).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{64}$/), publicKey: expect.stringContaining('BEGIN PUBLIC KEY') })
    const page = (await w.anonymous.get(`/p/${w.slug}?format=json`)).json
    expect(page.seal.statement).toMatchObject({ kind: 'publication', versionId: published, keyId: key.json.keyId, head: { seq: expect.any(Number), hash: expect.any(String) } })
    expect(verifyPublication(page, key.json.publicKey)).toMatchObject({ ok: true, problems: [] })
  })

  it('refuses TRUNCATE on every append-only table', async () => {
    for (const table of ['signatures', 'publications', 'oppositions', 'notifications', 'ledger_events', 'ledger_seals', 'audit_events']) {
      const error = await sql.raw(`truncate ${table} cascade`).execute(db()).then(() => null, (e: Error) => e)
      expect(error?.message, table).toMatch(/ajout seul/)
    }
    expect((await verify()).ok).toBe(true)
  })

  it('detects a forged signature row', async () => {
    await sql`insert into signatures (version_id, organisation_id, user_id, signed_on) values (${signed}, ${w.users.commenter.organisationId}, ${w.users.commenter.userId}, '2026-03-01')`.execute(db())
    const check = await verify()
    expect(check.ok).toBe(false)
    expect(check.ledger.problems.join(' ')).toMatch(/Signatures : 1 ligne\(s\) absentes du registre/)
    // The forged row stays (append-only); the next checks look at their own problems.
  })

  it('detects a changed publication date of a signed version', async () => {
    await sql`update versions set published_at = '2020-01-01T00:00:00Z' where id = ${signed}`.execute(db())
    const check = await verify()
    expect(check.ledger.problems.join(' ')).toMatch(/Version 1 : .*date de publication diffèrent du registre/)
  })

  it('detects a rewrite of a published version with triggers disabled and every hash recomputed', async () => {
    const row = await db().selectFrom('versions').select(['content', 'chain_hash', 'parent_id']).where('id', '=', published).executeTakeFirstOrThrow()
    const forged = structuredClone(row.content) as any
    forged.fiches[0].denomination.intitule = 'Photographe (texte falsifié)'
    const forgedHash = contentHash(forged)
    const parent = await db().selectFrom('versions').select('chain_hash').where('id', '=', row.parent_id!).executeTakeFirstOrThrow()
    const { createHash } = await import('node:crypto')
    const forgedChain = createHash('sha256').update(parent.chain_hash + forgedHash).digest('hex')

    await sql`alter table versions disable trigger versions_guard`.execute(db())
    await sql`alter table ledger_events disable trigger ledger_events_append_only`.execute(db())
    try {
      await sql`update versions set content = cast(cast(${JSON.stringify(forged)} as text) as jsonb), content_hash = ${forgedHash}, chain_hash = ${forgedChain} where id = ${published}`.execute(db())
      // Rewrite the creation event and recompute every hash after it, as a forger owning the database would.
      const events = await db().selectFrom('ledger_events').selectAll().where('negotiation_id', '=', w.negotiationId).orderBy('seq').execute()
      let prev = ''
      for (const e of events) {
        const payload = e.kind === 'version.create' && e.version_id === published ? { ...(e.payload as object), contentHash: forgedHash } : e.payload
        const hash = eventHash(prev, { seq: Number(e.seq), kind: e.kind, at: new Date(e.at).toISOString(), versionId: e.version_id, payload })
        await sql`update ledger_events set payload = cast(cast(${canonicalJson(payload)} as text) as jsonb), prev_hash = ${prev}, hash = ${hash} where negotiation_id = ${w.negotiationId} and seq = ${e.seq}`.execute(db())
        prev = hash
      }
    } finally {
      await sql`alter table versions enable trigger versions_guard`.execute(db())
      await sql`alter table ledger_events enable trigger ledger_events_append_only`.execute(db())
    }

    const check = await verify()
    expect(check.ok).toBe(false)
    // The version chain and the event chain are consistent again: only the signed head betrays the rewrite.
    expect(check.versions.every((v: any) => v.ok)).toBe(true)
    expect(check.ledger.problems.join(' ')).toMatch(/la tête signée ne correspond plus au registre/)

    // The public page now serves the forged text, and the offline check refuses it.
    const page = (await w.anonymous.get(`/p/${w.slug}?format=json`)).json
    expect(page.texte.fiches[0].denomination.intitule).toBe('Photographe (texte falsifié)')
    const offline = verifyPublication(page, await publicKey())
    expect(offline.ok).toBe(false)
    expect(offline.problems.join(' ')).toMatch(/pas celui qui a été publié/)
    // A forger who also edits the seal's statement breaks its signature.
    const reSealed = { ...page, seal: { ...page.seal, statement: { ...page.seal.statement, contentHash: forgedHash } } }
    expect(verifyPublication(reSealed, await publicKey()).problems.join(' ')).toMatch(/signature du sceau ne correspond pas/)
  })
})
