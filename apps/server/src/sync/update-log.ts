/**
 * The durable update log of live documents, in SQL (the only sync module that
 * talks to the database). A fiche's Yjs state is its snapshot
 * (`fiches.ydoc_state`, covering updates up to `fiches.snapshot_seq`) plus
 * the rows of `fiche_updates` after it. Each row also records who sent it
 * (`user_id`, `organisation_id`); compaction never deletes rows, so those up
 * to the snapshot remain the fiche's attributed history. Appends take the fiche row lock, so
 * that for one fiche sequence numbers are committed in order on every
 * instance: "rows with seq > the last one I applied" is then exact. The
 * numbers are per fiche (`fiches.update_seq`, bumped by the append itself),
 * so a gap between our previous row and our new ones means another instance
 * committed in between, and only then is an extra read needed. The commit
 * also NOTIFYs `paritaire_sync` with `<ficheId>:<seq>` (never the
 * update itself: payloads are limited to 8 kB). Reads that must see the
 * snapshot and the tail together run in one repeatable-read transaction, so
 * a concurrent compaction cannot make rows vanish between the two reads.
 */
import { sql, type Generated, type Kysely, type Transaction } from 'kysely'
import { bytea, jsonb, toBytes } from '../db/json.ts'

export const SYNC_CHANNEL = 'paritaire_sync'

export interface StoredUpdate {
  seq: number
  data: Uint8Array
}

/** An update to append, with its author (nulls for the server's own changes). */
export interface NewUpdate {
  data: Uint8Array
  userId: string | null
  organisationId: string | null
}

export interface StoredSnapshot {
  state: Uint8Array
  seq: number
}

export interface LoadedLog {
  /** The compacted state, or null when the fiche has never had a Yjs state. */
  snapshot: StoredSnapshot | null
  /** Canonical JSON of the fiche, used to seed the Yjs state once. */
  content: unknown
  updates: StoredUpdate[]
}

export interface CatchUp {
  /** Present when a compaction went past `afterSeq`: its rows may be gone. */
  snapshot: StoredSnapshot | null
  updates: StoredUpdate[]
}

export interface AppendResult extends CatchUp {
  /** The sequence numbers given to the appended updates, in order. */
  seqs: number[]
}

/** What the document manager needs from storage; the SQL one is below. */
export interface UpdateLog {
  /** The fiche's snapshot, content and tail; null when the fiche does not exist. */
  load(ficheId: string): Promise<LoadedLog | null>
  /** Stores the first Yjs state of a fiche unless another instance did it first. */
  seed(ficheId: string, state: Uint8Array): Promise<void>
  /** Commits updates in one transaction; also returns other instances' rows after `afterSeq`. */
  append(ficheId: string, updates: NewUpdate[], afterSeq: number): Promise<AppendResult>
  /** Rows (and snapshot if newer) after `afterSeq`, for catching up with other instances. */
  readSince(ficheId: string, afterSeq: number): Promise<CatchUp>
  /** Folds everything up to `seq` into the snapshot (the rows stay, as history). */
  compact(ficheId: string, state: Uint8Array, seq: number, content: unknown): Promise<boolean>
}

interface FichesView {
  id: string
  content: unknown
  ydoc_state: Uint8Array | null
  snapshot_seq: string | number | bigint
  update_seq: string | number | bigint
}
interface FicheUpdatesView {
  seq: string | number | bigint
  fiche_id: string
  data: Uint8Array
  created_at: Generated<Date>
}
interface SyncDB {
  fiches: FichesView
  fiche_updates: FicheUpdatesView
}

type Db = Kysely<SyncDB> | Transaction<SyncDB>

/** A fiche's stored state read for its content (no document opened), with the sequence it stands at. */
export interface StoredState extends LoadedLog {
  seq: number
}

/**
 * Reads of many fiches' stored state at once, for the branch-wide reads
 * (the fiche list, a whole text for a version or a diff): two statements
 * instead of one document load per fiche. Kept apart from `UpdateLog`,
 * which the live documents use one fiche at a time.
 */
export interface StoredStates {
  /** Fiche id → the sequence its stored state stands at (absent: no such fiche). */
  sequences(ficheIds: readonly string[]): Promise<Map<string, number>>
  /** Snapshot, tail and content of each existing fiche, read together (repeatable read). */
  loadMany(ficheIds: readonly string[]): Promise<Map<string, StoredState>>
}

/** Batches keep each statement's parameter list well under Postgres's limit. */
const BATCH = 1000
function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH))
  return out
}

const num = (v: string | number | bigint): number => Number(v)

export class SqlUpdateLog implements UpdateLog, StoredStates {
  private readonly db: Kysely<SyncDB>

  constructor(db: Kysely<any>) {
    this.db = db as Kysely<SyncDB>
  }

  async load(ficheId: string): Promise<LoadedLog | null> {
    return this.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      const fiche = await trx
        .selectFrom('fiches')
        .select(['content', 'ydoc_state', 'snapshot_seq'])
        .where('id', '=', ficheId)
        .executeTakeFirst()
      if (!fiche) return null
      const state = toBytes(fiche.ydoc_state)
      const snapshotSeq = num(fiche.snapshot_seq)
      return {
        snapshot: state ? { state, seq: snapshotSeq } : null,
        content: fiche.content,
        updates: await rowsAfter(trx, ficheId, snapshotSeq),
      }
    })
  }

  async sequences(ficheIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>()
    for (const ids of batches(ficheIds)) {
      const rows = await this.db.selectFrom('fiches').select(['id', 'update_seq']).where('id', 'in', ids).execute()
      for (const r of rows) out.set(r.id, num(r.update_seq))
    }
    return out
  }

  async loadMany(ficheIds: readonly string[]): Promise<Map<string, StoredState>> {
    const out = new Map<string, StoredState>()
    for (const ids of batches(ficheIds)) {
      await this.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
        const fiches = await trx.selectFrom('fiches')
          .select(['id', 'content', 'ydoc_state', 'snapshot_seq', 'update_seq'])
          .where('id', 'in', ids)
          .execute()
        const tails = await trx.selectFrom('fiche_updates as u')
          .innerJoin('fiches as f', 'f.id', 'u.fiche_id')
          .select(['u.fiche_id', 'u.seq', 'u.data'])
          .where('u.fiche_id', 'in', ids)
          .whereRef('u.seq', '>', 'f.snapshot_seq')
          .orderBy('u.fiche_id').orderBy('u.seq')
          .execute()
        for (const f of fiches) {
          const state = toBytes(f.ydoc_state)
          out.set(f.id, {
            snapshot: state ? { state, seq: num(f.snapshot_seq) } : null,
            content: f.content,
            updates: [],
            seq: num(f.update_seq),
          })
        }
        for (const row of tails) out.get(row.fiche_id)?.updates.push({ seq: num(row.seq), data: toBytes(row.data)! })
      })
    }
    return out
  }

  async seed(ficheId: string, state: Uint8Array): Promise<void> {
    // The first state is also the first row of the history (the snapshot
    // covers it), so that the rows alone replay the fiche from its start.
    const data = Buffer.from(state).toString('base64')
    await sql`
      with s as (
        update fiches set ydoc_state = decode(${data}, 'base64'), update_seq = update_seq + 1, snapshot_seq = update_seq + 1
        where id = ${ficheId} and ydoc_state is null
        returning update_seq
      )
      insert into fiche_updates (fiche_id, seq, data) select ${ficheId}, s.update_seq, decode(${data}, 'base64') from s
    `.execute(this.db)
  }

  async append(ficheId: string, updates: NewUpdate[], afterSeq: number): Promise<AppendResult> {
    const n = updates.length
    const values = sql.join(
      updates.map((u, i) => sql`(${sql.lit(i + 1)}, ${Buffer.from(u.data).toString('base64')}, ${u.userId}, ${u.organisationId})`),
    )
    // One statement, so one round trip: bump the fiche's counter (this takes
    // the row lock that orders commits of this fiche across instances), insert
    // the rows numbered from it, and NOTIFY (delivered at commit).
    const { rows } = await sql<{ last: string | number }>`
      with c as (
        update fiches set update_seq = update_seq + ${n} where id = ${ficheId} returning update_seq
      ), ins as (
        insert into fiche_updates (fiche_id, seq, data, user_id, organisation_id)
        select ${ficheId}, c.update_seq - ${n} + v.i, decode(cast(v.b as text), 'base64'), cast(v.u as text), cast(v.o as text)
        from c, (values ${values}) as v(i, b, u, o)
        returning seq
      )
      select c.update_seq as last,
        pg_notify(cast(${SYNC_CHANNEL} as text), cast(${ficheId} as text) || ':' || c.update_seq::text) as notified,
        (select count(*) from ins) as inserted
      from c
    `.execute(this.db)
    const row = rows[0]
    if (!row) throw new Error(`fiche ${ficheId} introuvable`)
    const last = num(row.last)
    const first = last - n + 1
    const seqs = updates.map((_, i) => first + i)
    if (first - 1 === afterSeq) return { snapshot: null, updates: [], seqs }
    // Other instances committed rows of this fiche since our last one: return them (rare).
    const caught = await this.readSince(ficheId, afterSeq)
    return { snapshot: caught.snapshot, updates: caught.updates.filter((u) => u.seq < first), seqs }
  }

  async readSince(ficheId: string, afterSeq: number): Promise<CatchUp> {
    return this.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
      const fiche = await trx
        .selectFrom('fiches')
        .select(['snapshot_seq', sql<Uint8Array | null>`case when snapshot_seq > ${afterSeq} then ydoc_state end`.as('state')])
        .where('id', '=', ficheId)
        .executeTakeFirst()
      if (!fiche) return { snapshot: null, updates: [] }
      const snapshotSeq = num(fiche.snapshot_seq)
      const state = toBytes(fiche.state)
      const snapshot = state && snapshotSeq > afterSeq ? { state, seq: snapshotSeq } : null
      return { snapshot, updates: await rowsAfter(trx, ficheId, Math.max(afterSeq, snapshotSeq)) }
    })
  }

  async compact(ficheId: string, state: Uint8Array, seq: number, content: unknown): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('fiches')
        .select('snapshot_seq')
        .where('id', '=', ficheId)
        .modifyEnd(sql`for no key update`)
        .executeTakeFirst()
      // Another instance may have compacted further already: keep its snapshot.
      if (!current || num(current.snapshot_seq) > seq) return false
      await trx
        .updateTable('fiches')
        .set({
          ydoc_state: bytea(state) as never,
          snapshot_seq: seq,
          ...(content === undefined ? {} : { content: jsonb(content) as never }),
        })
        .where('id', '=', ficheId)
        .execute()
      // The folded rows stay: they are the fiche's attributed history.
      return true
    })
  }
}

async function rowsAfter(db: Db, ficheId: string, afterSeq: number): Promise<StoredUpdate[]> {
  const rows = await db
    .selectFrom('fiche_updates')
    .select(['seq', 'data'])
    .where('fiche_id', '=', ficheId)
    .where('seq', '>', afterSeq as never)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({ seq: num(r.seq), data: toBytes(r.data)! }))
}
