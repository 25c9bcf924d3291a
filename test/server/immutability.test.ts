/**
 * Immutability enforced by the database itself: raw SQL cannot change or
 * delete a signed or published version (only signed → published passes),
 * nor touch audit events, signatures or publications; drafts stay
 * updatable at the SQL level (the hash chain is what exposes such changes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from '@paritaire/server'
import { addFiches, addVersion, advance, startApiWorld, type ApiWorld } from '../utils/api-world.ts'
import { databaseTargets } from '../utils/db.ts'

describe.each(databaseTargets())('immutability through raw SQL ($name)', (target) => {
  let w: ApiWorld
  let signed: string
  let published: string
  let draft: string
  const db = () => w.server.ctx.database.db
  const rejects = async (query: ReturnType<typeof sql>) => {
    const error = await query.execute(db()).then(() => null, (e: unknown) => e as Error)
    expect(error, 'la base aurait dû refuser').not.toBeNull()
    return error!.message
  }

  beforeAll(async () => {
    w = await startApiWorld(target)
    await addFiches(w, ['Photographe'])
    signed = (await addVersion(w, 'signée')).id
    await advance(w, signed, 'signed')
    published = (await addVersion(w, 'publiée')).id
    await advance(w, published, 'published')
    draft = (await addVersion(w, 'brouillon')).id
  })
  afterAll(async () => { await w?.stop() })

  it('refuses UPDATE of the content, label or hashes of signed and published versions', async () => {
    for (const id of [signed, published]) {
      expect(await rejects(sql`update versions set content = '{}'::jsonb where id = ${id}`)).toMatch(/immuable/)
      await rejects(sql`update versions set label = 'falsifiée' where id = ${id}`)
      await rejects(sql`update versions set chain_hash = 'x', content_hash = 'x' where id = ${id}`)
      await rejects(sql`update versions set status = 'draft' where id = ${id}`)
    }
    await rejects(sql`update versions set status = 'agreed' where id = ${published}`)
    const row = await db().selectFrom('versions').select(['label', 'status']).where('id', '=', published).executeTakeFirstOrThrow()
    expect(row).toEqual({ label: 'publiée', status: 'published' })
  })

  it('refuses DELETE of signed and published versions, and TRUNCATE', async () => {
    await rejects(sql`delete from versions where id = ${signed}`)
    await rejects(sql`delete from versions where id = ${published}`)
    await rejects(sql`truncate versions cascade`)
    const count = await db().selectFrom('versions').select(db().fn.countAll<string>().as('n')).where('id', 'in', [signed, published]).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(2)
  })

  it('allows the one transition signed → published', async () => {
    await sql`update versions set status = 'published', published_at = now() where id = ${signed}`.execute(db())
    const row = await db().selectFrom('versions').select('status').where('id', '=', signed).executeTakeFirstOrThrow()
    expect(row.status).toBe('published')
  })

  it('keeps audit events, signatures and publications append-only', async () => {
    const before = await db().selectFrom('audit_events').select(db().fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(Number(before.n)).toBeGreaterThan(0)
    expect(await rejects(sql`update audit_events set action = 'rien'`)).toMatch(/ajout seul/)
    await rejects(sql`delete from audit_events`)
    await rejects(sql`truncate audit_events`)
    await rejects(sql`delete from signatures`)
    await rejects(sql`update signatures set signed_on = '2000-01-01'`)
    await rejects(sql`delete from publications`)
    const after = await db().selectFrom('audit_events').select(db().fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('leaves drafts changeable at the SQL level, and refuses through the API what the trigger protects', async () => {
    await sql`update versions set label = 'renommée' where id = ${draft}`.execute(db())
    const row = await db().selectFrom('versions').select('label').where('id', '=', draft).executeTakeFirstOrThrow()
    expect(row.label).toBe('renommée')
    const res = await w.as.chair.post(`/api/versions/${published}/status`, { status: 'draft' })
    expect(res.status).toBe(409)
  })
})
