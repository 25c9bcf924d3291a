/**
 * Updates held because their dependencies have not arrived yet. In Yjs an
 * update that refers to items the receiver lacks is normal — a provider
 * that reconnects may send a new keystroke before its sync step 2 has
 * re-sent what was typed offline — and Yjs itself keeps such structs
 * pending. The server does the same, outside the scratch copy: the update
 * waits here, neither stored nor relayed, and is tried again whenever
 * something new is accepted or arrives from another instance. Holding is
 * bounded in bytes and time; past either bound the update is refused.
 */
import * as Y from 'yjs'
import type { DocumentPeer } from './peer-relay.ts'
import type { UpdateAuthor } from './update-rules.ts'

/** Bytes of held updates per document. */
export const MAX_HELD_BYTES = 4 * 1024 * 1024
/** How long an update may wait for its dependencies. */
export const MAX_HELD_MS = 30_000

export interface HeldUpdate {
  update: Uint8Array
  origin: DocumentPeer | null
  author: UpdateAuthor | null
  heldAt: number
  /** The lowest clock of each client the update carries: its own history must reach there first. */
  from: Map<number, number>
}

export class HeldUpdates {
  private items: HeldUpdate[] = []
  private bytes = 0

  constructor(
    readonly maxBytes = MAX_HELD_BYTES,
    readonly maxMs = MAX_HELD_MS,
  ) {}

  get size(): number {
    return this.items.length
  }

  /** Holds `update`; false when that would pass the byte bound. */
  hold(update: Uint8Array, origin: DocumentPeer | null, author: UpdateAuthor | null, heldAt = Date.now()): boolean {
    if (this.bytes + update.length > this.maxBytes) return false
    let from = new Map<number, number>()
    try {
      from = Y.parseUpdateMeta(update).from
    } catch {
      // Unreadable meta: it will simply be tried each time.
    }
    this.items.push({ update, origin, author, heldAt, from })
    this.bytes += update.length
    return true
  }

  /**
   * Takes out the held updates worth trying against `stateVector`: those
   * whose own clients' history is there (necessary, not sufficient — a
   * held update that still misses an item is held again by the caller).
   */
  takeReady(stateVector: Map<number, number>): HeldUpdate[] {
    const ready: HeldUpdate[] = []
    this.items = this.items.filter((h) => {
      for (const [client, clock] of h.from) if ((stateVector.get(client) ?? 0) < clock) return true
      ready.push(h)
      this.bytes -= h.update.length
      return false
    })
    return ready
  }

  /** Puts back an update that was tried and still misses something, keeping when it was first held. */
  putBack(h: HeldUpdate): void {
    this.items.push(h)
    this.bytes += h.update.length
  }

  /** Removes and returns the updates held longer than the bound. */
  takeExpired(now = Date.now()): HeldUpdate[] {
    const expired = this.items.filter((h) => now - h.heldAt >= this.maxMs)
    if (expired.length === 0) return []
    this.items = this.items.filter((h) => now - h.heldAt < this.maxMs)
    for (const h of expired) this.bytes -= h.update.length
    return expired
  }

  /** When the oldest held update expires (null when nothing is held). */
  nextDeadline(): number | null {
    return this.items.length === 0 ? null : Math.min(...this.items.map((h) => h.heldAt)) + this.maxMs
  }

  /** A peer left: its provider re-sends everything on reconnect, so what it had here goes. */
  dropPeer(peer: DocumentPeer): void {
    this.items = this.items.filter((h) => {
      if (h.origin !== peer) return true
      this.bytes -= h.update.length
      return false
    })
  }

  clear(): void {
    this.items = []
    this.bytes = 0
  }
}
