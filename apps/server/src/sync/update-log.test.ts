import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import postgres from 'postgres'
import { openDatabase, type Database } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { SqlUpdateLog, SYNC_CHANNEL } from './update-log.ts'

interface Target {
  name: string
  open(): Promise<{ database: Database; drop(): Promise<void> }>
}

const targets: Target[] = [
  {
    name: 'pglite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'paritaire-sync-'))
      const database = await openDatabase({ dataDir: dir })
      return { database, drop: async () => rmSync(dir, { recursive: true, force: true }) }
    },
  },
]
const adminUrl = process.env.TEST_DATABASE_URL
if (adminUrl) {
  targets.push({
    name: 'postgres',
    async open() {
      const name = `sync_log_${randomUUID().replaceAll('-', '')}`
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
      await admin.unsafe(`create database ${name}`)
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      const database = await openDatabase({ databaseUrl: url.toString() })
      return {
        database,
        drop: async () => {
          await admin.unsafe(`drop database if exists ${name} with (force)`)
          await admin.end()
        },
      }
    },
  })
}

const bytes = (...n: number[]) => new Uint8Array(n)
/** A row typed by CFDT's user u1. */
const row = (...n: number[]) => ({ data: bytes(...n), userId: 'u1', organisationId: 'o1' })

for (const target of targets) {
  describe(`SqlUpdateLog on ${target.name}`, () => {
    let database: Database
    let drop: () => Promise<void>
    let log: SqlUpdateLog

    beforeAll(async () => {
      ;({ database, drop } = await target.open())
      await migrateToLatest(database.db)
      const db = database.db
      await sql`insert into organisations (id, name, kind) values ('o1', 'CFDT', 'union')`.execute(db)
      await sql`insert into negotiations (id, title, slug, created_by_organisation_id) values ('n1', 'Classifications', 'n1', 'o1')`.execute(db)
      for (const id of ['f1', 'f2']) {
        await sql`insert into fiches (id, negotiation_id, fiche_key, position, content) values (${id}, 'n1', ${id}, 0, cast('{"denomination":{"intitule":"x"}}' as jsonb))`.execute(db)
      }
      log = new SqlUpdateLog(database.db)
    }, 60_000)

    afterAll(async () => {
      await database?.close()
      await drop?.()
    })

    it('loads a fiche without Yjs state, seeds it once, and knows unknown fiches', async () => {
      expect(await log.load('absente')).toBeNull()
      const first = await log.load('f1')
      expect(first?.snapshot).toBeNull()
      expect(first?.content).toEqual({ denomination: { intitule: 'x' } })
      await log.seed('f1', bytes(1, 2, 3))
      await log.seed('f1', bytes(9, 9, 9))
      const seeded = await log.load('f1')
      expect(Array.from(seeded!.snapshot!.state)).toEqual([1, 2, 3])
      // The seed is row 1 of the history, covered by the snapshot.
      expect(seeded!.snapshot!.seq).toBe(1)
      expect(seeded!.updates).toEqual([])
    })

    it('appends in order, returns the rows other writers committed, and notifies', async () => {
      const heard: string[] = []
      const unlisten = await database.listen(SYNC_CHANNEL, (p) => heard.push(p))
      const a = await log.append('f1', [row(10), row(11)], 0)
      expect(a.seqs).toHaveLength(2)
      expect(a.seqs[1]).toBeGreaterThan(a.seqs[0]!)
      expect(a.updates).toEqual([])
      // Another writer appends behind our back…
      const other = await log.append('f1', [{ data: bytes(12), userId: null, organisationId: null }], a.seqs[1]!)
      // …and our next append returns its row.
      const b = await log.append('f1', [row(13)], a.seqs[1]!)
      expect(b.updates.map((u) => Array.from(u.data))).toEqual([[12]])
      expect(b.updates[0]!.seq).toBe(other.seqs[0])
      const since = await log.readSince('f1', 0)
      expect(since.updates.map((u) => Array.from(u.data))).toEqual([[10], [11], [12], [13]])
      for (let i = 0; i < 50 && heard.length < 3; i++) await new Promise((r) => setTimeout(r, 20))
      expect(heard).toContain(`f1:${b.seqs[0]}`)
      await unlisten()
    })

    it('compacts into the snapshot, keeps folded rows as attributed history, and never goes backwards', async () => {
      const all = await log.readSince('f1', 0)
      const upTo = all.updates[2]!.seq
      expect(await log.compact('f1', bytes(7, 7), upTo, { compacte: true })).toBe(true)
      const loaded = await log.load('f1')
      expect(Array.from(loaded!.snapshot!.state)).toEqual([7, 7])
      expect(loaded!.snapshot!.seq).toBe(upTo)
      expect(loaded!.content).toEqual({ compacte: true })
      expect(loaded!.updates.map((u) => Array.from(u.data))).toEqual([[13]])
      // A reader that was behind the compaction gets the snapshot, then the tail.
      const behind = await log.readSince('f1', 0)
      expect(behind.snapshot?.seq).toBe(upTo)
      expect(behind.updates.map((u) => Array.from(u.data))).toEqual([[13]])
      expect(await log.compact('f1', bytes(1), upTo - 1, undefined)).toBe(false)
      // The history query of « Historique de la fiche »: every row, with its author.
      const { rows } = await sql<{ seq: string; user_id: string | null; organisation_id: string | null }>`
        select seq, user_id, organisation_id, created_at, data from fiche_updates where fiche_id = 'f1' order by seq`.execute(database.db)
      expect(rows.map((r) => [Number(r.seq), r.user_id, r.organisation_id])).toEqual([
        [1, null, null],
        [2, 'u1', 'o1'],
        [3, 'u1', 'o1'],
        [4, null, null],
        [5, 'u1', 'o1'],
      ])
      // Other fiches are untouched.
      expect((await log.load('f2'))!.updates).toEqual([])
    })

    it('stores many rows in one append', async () => {
      const many = Array.from({ length: 500 }, (_, i) => row(i % 256, 1))
      const r = await log.append('f2', many, 0)
      expect(new Set(r.seqs).size).toBe(500)
      expect((await log.load('f2'))!.updates).toHaveLength(500)
    })
  })
}
