/**
 * The committed state of a live document (`live`), awake or dormant. A
 * materialized Y.Doc of a 10 KB fiche takes ~230 KB of heap, twenty times
 * its encoded size, and a fiche whose members only watch never needs it:
 * what its peers ask for — sync step 1 and 2, « do you already have this »
 * — can be read from the state encoded as one update. So a document starts
 * dormant when it opens from a snapshot with no tail, and falls back asleep
 * after `dormantAfterMs` without being used, once its host says nothing
 * depends on the Y.Doc (no scratch copy, nothing queued or held). Anything
 * that changes the state or reads it as a document (commits, catch-ups,
 * compaction, REST reads) materializes it first, so every change still goes
 * through `Y.applyUpdate` on a Y.Doc and is relayed from its update event,
 * exactly as when the document never sleeps. Encoded and materialized never
 * coexist: waking drops the bytes, sleeping destroys the Y.Doc.
 */
import * as Y from 'yjs'

/** A document unused for this long goes back to its encoded form (waking a 10 KB fiche costs under a millisecond). */
export const DORMANT_AFTER_MS = 30_000

export interface StateHost {
  /** Every change of the materialized Y.Doc, with its origin (the relay to the peers). */
  onUpdate(update: Uint8Array, origin: unknown): void
  /** False while something still depends on the Y.Doc (scratch copy, queued or held updates). */
  canSleep(): boolean
}

/** The encoding of an empty document: no structs, no deletions. */
const EMPTY = new Uint8Array([0, 0])

function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === EMPTY.length && update[0] === 0 && update[1] === 0
}

export class CommittedState {
  private doc: Y.Doc | null = null
  /** The dormant form: one update holding the whole committed state (null while awake). */
  private encoded: Uint8Array | null = EMPTY
  /** Read from `encoded` once per dormancy: each read decodes the whole update. */
  private vector: Uint8Array | null = null
  private snap: Y.Snapshot | null = null
  private usedAt = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private destroyed = false
  /** One listener for every Y.Doc this state materializes. */
  private readonly relay = (update: Uint8Array, origin: unknown): void => this.host.onUpdate(update, origin)

  constructor(
    private readonly host: StateHost,
    private readonly dormantAfterMs = DORMANT_AFTER_MS,
  ) {}

  get dormant(): boolean {
    return this.doc === null
  }

  /** The Y.Doc of the committed state, materialized if the state is dormant. */
  get live(): Y.Doc {
    this.usedAt = Date.now()
    if (!this.doc) this.wake()
    return this.doc!
  }

  /**
   * The state a document opens from (snapshot, then its log tail), before
   * any peer joins. A snapshot alone, usually all there is, is adopted as
   * is: no Y.Doc to build. A tail materializes the state, which sleeps later;
   * it is built before the relay listens, as when waking: no peer is there
   * to receive it, and listening would have Yjs encode the whole state again
   * for one unread update event (a third of the open of a 100 KB fiche).
   */
  load(updates: readonly Uint8Array[]): void {
    if (updates.length === 0) return
    if (this.encoded === EMPTY && updates.length === 1) this.encoded = ownBytes(updates[0]!)
    else if (this.doc) applyInOneTransaction(this.doc, updates, null)
    else this.wake(this.encoded === EMPTY ? updates : [this.encoded!, ...updates])
  }

  /** Applies a committed update (relayed to the peers from the Y.Doc's update event). */
  apply(update: Uint8Array, origin: unknown): void {
    Y.applyUpdate(this.live, update, origin)
  }

  /** Applies committed rows in one transaction: peers get one relayed update for them. */
  applyAll(updates: readonly Uint8Array[], origin: unknown): void {
    applyInOneTransaction(this.live, updates, origin)
  }

  /** The state vector (for the server's sync step 1). */
  stateVector(): Uint8Array {
    if (this.doc) return Y.encodeStateVector(this.doc)
    this.vector ??= Y.encodeStateVectorFromUpdate(this.encoded!)
    return this.vector
  }

  /** What the state holds beyond `stateVector` (the answer to a peer's step 1); throws on an invalid vector. */
  diff(stateVector: Uint8Array): Uint8Array {
    if (this.doc) return Y.encodeStateAsUpdate(this.doc, stateVector)
    // A client opening the fiche afresh knows nothing: its answer is the whole state, already encoded.
    if (Y.decodeStateVector(stateVector).size === 0) return this.encoded!
    return Y.diffUpdate(this.encoded!, stateVector)
  }

  /** The whole state as one update (a scratch copy, a compaction), without waking a dormant state. */
  encode(): Uint8Array {
    return this.doc ? Y.encodeStateAsUpdate(this.doc) : this.encoded!
  }

  /** True when the state holds every struct and deletion of `update`; throws when `update` is unreadable. */
  contains(update: Uint8Array): boolean {
    // What a provider opening the fiche afresh answers to step 1: nothing to look for in the state.
    if (isEmptyUpdate(update)) return true
    if (this.doc) return Y.snapshotContainsUpdate(Y.snapshot(this.doc), update)
    this.snap ??= snapshotOfUpdate(this.encoded!, this.stateVector())
    return Y.snapshotContainsUpdate(this.snap, update)
  }

  /** Back to the encoded form now, if the host allows it (tests; the idle timer otherwise). */
  sleep(): boolean {
    if (!this.doc || this.destroyed || !this.host.canSleep()) return false
    this.encoded = Y.encodeStateAsUpdate(this.doc)
    this.doc.off('update', this.relay)
    this.doc.destroy()
    this.doc = null
    this.forget()
    return true
  }

  destroy(): void {
    this.destroyed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.doc?.off('update', this.relay)
    this.doc?.destroy()
    this.doc = null
    this.encoded = null
    this.forget()
  }

  private wake(from: readonly Uint8Array[] = [this.encoded!]): void {
    if (this.destroyed) throw new Error('document fermé')
    const doc = new Y.Doc()
    // Built before the relay listens: the peers already have this state.
    applyInOneTransaction(doc, from, null)
    doc.on('update', this.relay)
    this.doc = doc
    this.encoded = null
    this.forget()
    this.arm(this.dormantAfterMs)
  }

  private forget(): void {
    this.vector = null
    this.snap = null
  }

  /** Checks, `dormantAfterMs` after the last use, whether the Y.Doc can go; otherwise looks again later. */
  private arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      if (!this.doc || this.destroyed) return
      const idle = Date.now() - this.usedAt
      if (idle >= this.dormantAfterMs && this.sleep()) return
      this.arm(Math.max(this.dormantAfterMs - idle, this.dormantAfterMs / 4, 1))
    }, ms)
    this.timer.unref?.()
  }
}

/**
 * Several committed rows (a log tail, other instances' rows) in one
 * transaction: Yjs integrates and cleans up once, not per row — a
 * 20,000-row tail opens in about half the time.
 */
export function applyInOneTransaction(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown): void {
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update, origin)
  }, origin)
}

/**
 * The snapshot (state vector + delete set) of an encoded state. The delete
 * set is read from the state's diff against its own vector: no structs,
 * every deletion, so decoding it is cheap.
 */
function snapshotOfUpdate(update: Uint8Array, stateVector: Uint8Array): Y.Snapshot {
  const { ds } = Y.decodeUpdate(Y.diffUpdate(update, stateVector))
  return Y.createSnapshot(ds, Y.decodeStateVector(stateVector))
}

/** The bytes on their own buffer: a view into a driver's larger buffer would keep all of it alive as long as the document sleeps. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Uint8Array.prototype.slice.call(bytes)
}
