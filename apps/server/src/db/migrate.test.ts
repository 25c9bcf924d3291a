import { afterAll, beforeAll, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase, type Database } from './database.ts'
import { migrateToLatest } from './migrate.ts'
import { migrations } from './migrations/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'paritaire-migrate-'))
let database: Database

beforeAll(async () => {
  database = await openDatabase({ dataDir: dir })
}, 60_000)
afterAll(async () => {
  await database?.close()
  rmSync(dir, { recursive: true, force: true })
})

it('applies every migration once, then finds nothing to do', async () => {
  expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations).sort())
  expect(await migrateToLatest(database.db)).toEqual([])
})

it('still refuses a history this code does not know (the up-to-date shortcut does not hide it)', async () => {
  await sql`insert into paritaire_migrations (name, timestamp) values ('2099_01_01_0000_from_a_newer_version', ${new Date().toISOString()})`.execute(database.db)
  await expect(migrateToLatest(database.db)).rejects.toThrow(/migration/i)
})
