/**
 * Where a live document stands in its fiche's log, and the two steps that
 * move it without a local edit: catch-up (reading what other instances
 * committed after our last row, when a NOTIFY announces it or after the
 * listener reconnects) and compaction (folding the committed state into the
 * snapshot when the tail is long, so that opening a fiche reads a snapshot
 * and a bounded tail).
 */
import type { CatchUp, UpdateLog } from './update-log.ts'
import type { StepChain } from './step-chain.ts'

export interface TailHost {
  readonly ficheId: string
  readonly log: UpdateLog
  readonly chain: StepChain
  readonly compactEvery: number
  /** Applies committed rows, in order, to `live` and the scratch copy (see `LiveDocument.applyRemote`). */
  applyRemote(updates: readonly Uint8Array[]): void
  /** The committed state as one update (taken from a dormant state without waking it). */
  encodeState(): Uint8Array
  /** Canonical JSON of the committed state (undefined when it cannot be converted). */
  toContent(): unknown
  /** Bytes accepted but not yet committed, counted in the document's size. */
  queuedBytes(): number
  /** False once the document is closed or failed: steps then do nothing. */
  active(): boolean
  /** Rows of other instances were applied (held updates may now apply). */
  caughtUp(): void
  onError?: (error: unknown, context: string) => void
}

/** Canonical JSON is refreshed at most this often by compactions during editing. */
const CONTENT_REFRESH_MS = 30_000

export class LogTail {
  /** The last row applied to `live`. */
  lastSeq = 0
  /** Rows applied since the snapshot. */
  rows = 0
  /** Approximate size of the Yjs state (snapshot + rows + queued). */
  bytes = 0
  private announcedSeq = 0
  private catchUpQueued = false
  private forceCatchUp = false
  private compacting: Promise<void> | null = null
  private contentWrittenAt = 0

  constructor(private readonly host: TailHost) {}

  /** Applies a snapshot newer than our position, then the rows after it. */
  apply(rows: CatchUp): void {
    const snapshot = rows.snapshot && rows.snapshot.seq >= this.lastSeq ? rows.snapshot : null
    const from = snapshot?.seq ?? this.lastSeq
    const tail = rows.updates.filter((row) => row.seq > from)
    if (!snapshot && tail.length === 0) return
    // Applied before the position moves: a row that fails to apply is read again next time.
    this.host.applyRemote(snapshot ? [snapshot.state, ...tail.map((row) => row.data)] : tail.map((row) => row.data))
    if (snapshot) {
      this.bytes = snapshot.state.length
      this.rows = 0
    }
    this.lastSeq = tail.at(-1)?.seq ?? from
    for (const row of tail) this.bytes += row.data.length
    this.rows += tail.length
  }

  /**
   * Reads what other instances committed after our last row. Without
   * `force`, only if a NOTIFY announced a row we have not applied by the time
   * the step runs (our own commits are announced too, and need no read).
   */
  catchUp(force = true): Promise<void> {
    if (force) this.forceCatchUp = true
    if (this.catchUpQueued) return this.host.chain.settled
    this.catchUpQueued = true
    return this.host.chain.enqueue(async () => {
      this.catchUpQueued = false
      const needed = this.forceCatchUp || this.announcedSeq > this.lastSeq
      this.forceCatchUp = false
      if (!needed || !this.host.active()) return
      const rows = await this.host.log.readSince(this.host.ficheId, this.lastSeq)
      this.apply(rows)
      if (rows.updates.length > 0 || rows.snapshot) this.host.caughtUp()
    })
  }

  /** A NOTIFY for this document. */
  notified(seq: number): void {
    if (seq <= this.announcedSeq) return
    this.announcedSeq = seq
    if (seq > this.lastSeq && this.host.active()) void this.catchUp(false).catch(() => {})
  }

  /** After a commit: compact in the background when the tail is long. */
  committedRows(): void {
    if (this.rows >= this.host.compactEvery) this.compactInBackground()
  }

  /** Waits for a background compaction under way. */
  async idle(): Promise<void> {
    while (this.compacting) await this.compacting
  }

  /**
   * Folds the log into the snapshot. The state is taken synchronously (so it
   * is exactly the rows up to `lastSeq`); `withContent` also refreshes the
   * table's canonical JSON, which costs a full conversion of the fiche.
   */
  async compact(withContent = true): Promise<void> {
    if (!this.host.active()) return
    const state = this.host.encodeState()
    const seq = this.lastSeq
    const folded = this.rows
    const content = withContent ? this.host.toContent() : undefined
    if (withContent) this.contentWrittenAt = Date.now()
    await this.host.log.compact(this.host.ficheId, state, seq, content)
    this.rows = Math.max(0, this.rows - folded)
    this.bytes = state.length + this.host.queuedBytes()
  }

  /**
   * Compaction during editing runs beside the flushes, not in their chain:
   * the database serialises it with appends through the fiche row lock, and
   * typists do not wait for it.
   */
  private compactInBackground(): void {
    if (this.compacting) return
    const withContent = Date.now() - this.contentWrittenAt > CONTENT_REFRESH_MS
    this.compacting = this.compact(withContent)
      .catch((error) => this.host.onError?.(error, `compactage de ${this.host.ficheId}`))
      .finally(() => {
        this.compacting = null
      })
  }
}
