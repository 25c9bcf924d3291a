/**
 * An in-memory `UpdateLog` with the semantics of the SQL one: sequence
 * numbers per fiche (a gap after our last row means another writer came in
 * between, and its rows are returned), snapshot + tail, compaction that
 * keeps the folded rows as history, authors on every row. Used by the unit
 * tests of the document and the manager, which need no database; it can
 * also be told to fail, to exercise what happens when storing fails.
 */
import type { AppendResult, CatchUp, LoadedLog, NewUpdate, StoredUpdate, UpdateLog } from './update-log.ts'

export interface MemoryRow extends StoredUpdate {
  userId: string | null
  organisationId: string | null
}

interface MemoryFiche {
  content: unknown
  snapshot: { state: Uint8Array; seq: number } | null
  rows: MemoryRow[]
  /** `fiches.update_seq`: the last number given to a row of this fiche. */
  updateSeq: number
}

export class MemoryUpdateLog implements UpdateLog {
  readonly fiches = new Map<string, MemoryFiche>()
  /** When set, `append` rejects with this error. */
  failAppends: Error | null = null
  appendCalls = 0

  addFiche(ficheId: string, content: unknown): void {
    this.fiches.set(ficheId, { content, snapshot: null, rows: [], updateSeq: 0 })
  }

  /** Rows after the snapshot, as a fiche opens them. */
  tail(ficheId: string): MemoryRow[] {
    const f = this.fiches.get(ficheId)
    return f ? f.rows.filter((r) => r.seq > (f.snapshot?.seq ?? 0)) : []
  }

  async load(ficheId: string): Promise<LoadedLog | null> {
    const f = this.fiches.get(ficheId)
    if (!f) return null
    return { snapshot: f.snapshot, content: f.content, updates: this.tail(ficheId).map(stored) }
  }

  async seed(ficheId: string, state: Uint8Array): Promise<void> {
    const f = this.fiches.get(ficheId)
    if (!f || f.snapshot) return
    const seq = ++f.updateSeq
    f.rows.push({ seq, data: state, userId: null, organisationId: null })
    f.snapshot = { state, seq }
  }

  async append(ficheId: string, updates: NewUpdate[], afterSeq: number): Promise<AppendResult> {
    this.appendCalls++
    if (this.failAppends) throw this.failAppends
    const f = this.fiches.get(ficheId)
    if (!f) throw new Error(`fiche ${ficheId} introuvable`)
    const first = f.updateSeq + 1
    // As in SQL: only when another writer came in between are its rows read.
    const caught = first - 1 === afterSeq ? { snapshot: null, updates: [] } : this.since(f, afterSeq)
    const seqs = updates.map((u) => {
      const seq = ++f.updateSeq
      f.rows.push({ seq, data: u.data, userId: u.userId, organisationId: u.organisationId })
      return seq
    })
    return { ...caught, seqs }
  }

  async readSince(ficheId: string, afterSeq: number): Promise<CatchUp> {
    const f = this.fiches.get(ficheId)
    return f ? this.since(f, afterSeq) : { snapshot: null, updates: [] }
  }

  async compact(ficheId: string, state: Uint8Array, seq: number, content: unknown): Promise<boolean> {
    const f = this.fiches.get(ficheId)
    if (!f || (f.snapshot && f.snapshot.seq > seq)) return false
    f.snapshot = { state, seq }
    if (content !== undefined) f.content = content
    return true
  }

  private since(f: MemoryFiche, afterSeq: number): CatchUp {
    const snapshot = f.snapshot && f.snapshot.seq > afterSeq ? f.snapshot : null
    const from = Math.max(afterSeq, snapshot?.seq ?? 0)
    return { snapshot, updates: f.rows.filter((r) => r.seq > from).map(stored) }
  }
}

function stored(r: MemoryRow): StoredUpdate {
  return { seq: r.seq, data: r.data }
}
