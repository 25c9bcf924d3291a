/**
 * The scratch copy of a live document: where an incoming update is tried
 * before it is accepted (structure check, pending structs), so a refused
 * update never touches the committed state. It doubles the memory of a
 * document, so it exists only while someone types: built on first use,
 * freed after `idleMs` without a change, rebuilt on the next one.
 */
import * as Y from 'yjs'

/** A scratch copy unused for this long is freed. */
export const SCRATCH_IDLE_MS = 10_000

export class ScratchCopy {
  private doc: Y.Doc | null = null
  private usedAt = 0
  private timer: ReturnType<typeof setTimeout> | null = null

  /**
   * @param build makes a fresh copy (committed state + queued updates)
   * @param onDrop called whenever the copy is freed, so that state derived
   *   from it (captured updates) goes too
   */
  constructor(
    private readonly build: () => Y.Doc,
    private readonly onDrop: () => void,
    private readonly idleMs = SCRATCH_IDLE_MS,
  ) {}

  /** The copy if one exists, without building it. */
  get current(): Y.Doc | null {
    return this.doc
  }

  obtain(): Y.Doc {
    this.doc ??= this.build()
    return this.doc
  }

  /** Marks the copy as used now; it is freed once idle for `idleMs`. */
  touch(): void {
    this.usedAt = Date.now()
    if (this.timer) return
    const check = (): void => {
      const idle = Date.now() - this.usedAt
      if (idle >= this.idleMs) {
        this.timer = null
        this.drop()
        return
      }
      this.arm(check, this.idleMs - idle)
    }
    this.arm(check, this.idleMs)
  }

  drop(): void {
    this.doc?.destroy()
    this.doc = null
    this.onDrop()
  }

  /** For good: the document is closing. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.doc?.destroy()
    this.doc = null
  }

  private arm(check: () => void, ms: number): void {
    this.timer = setTimeout(check, ms)
    this.timer.unref?.()
  }
}
