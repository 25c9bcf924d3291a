/**
 * An in-memory `UpdateLog` with the same semantics as the SQL one (global
 * sequence, snapshot + tail, compaction deleting folded rows). Used by the
 * unit tests of the document and the manager, which need no database; it can
 * also be told to fail, to exercise what happens when storing fails.
 */
import type { AppendResult, CatchUp, LoadedLog, StoredUpdate, UpdateLog } from './update-log.ts'

interface MemoryFiche {
  content: unknown
  snapshot: { state: Uint8Array; seq: number } | null
  rows: StoredUpdate[]
}

export class MemoryUpdateLog implements UpdateLog {
  readonly fiches = new Map<string, MemoryFiche>()
  private seq = 0
  /** When set, `append` rejects with this error. */
  failAppends: Error | null = null
  appendCalls = 0

  addFiche(ficheId: string, content: unknown): void {
    this.fiches.set(ficheId, { content, snapshot: null, rows: [] })
  }

  async load(ficheId: string): Promise<LoadedLog | null> {
    const f = this.fiches.get(ficheId)
    if (!f) return null
    const after = f.snapshot?.seq ?? 0
    return { snapshot: f.snapshot, content: f.content, updates: f.rows.filter((r) => r.seq > after) }
  }

  async seed(ficheId: string, state: Uint8Array): Promise<void> {
    const f = this.fiches.get(ficheId)
    if (f && !f.snapshot) f.snapshot = { state, seq: 0 }
  }

  async append(ficheId: string, updates: Uint8Array[], afterSeq: number): Promise<AppendResult> {
    this.appendCalls++
    if (this.failAppends) throw this.failAppends
    const f = this.fiches.get(ficheId)
    if (!f) throw new Error(`fiche ${ficheId} introuvable`)
    const caught = this.since(f, afterSeq)
    const seqs = updates.map((data) => {
      const seq = ++this.seq
      f.rows.push({ seq, data })
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
    f.rows = f.rows.filter((r) => r.seq > seq)
    return true
  }

  private since(f: MemoryFiche, afterSeq: number): CatchUp {
    const snapshot = f.snapshot && f.snapshot.seq > afterSeq ? f.snapshot : null
    const from = Math.max(afterSeq, snapshot?.seq ?? 0)
    return { snapshot, updates: f.rows.filter((r) => r.seq > from) }
  }
}
