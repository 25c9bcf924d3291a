/**
 * Updates held because their dependencies have not arrived yet. In Yjs an
 * update that refers to items the receiver lacks is normal — a provider
 * that reconnects may send a new keystroke before its sync step 2 has
 * re-sent what was typed offline — and Yjs itself keeps such structs
 * pending. The server does the same, outside the scratch copy: the update
 * waits here, neither stored nor relayed, and is tried again whenever
 * something new is accepted or arrives from another instance. Holding is
 * bounded in bytes and time; past either bound the update is refused (its
 * socket closed: the provider reconnects and re-sends its whole state).
 */
import * as Y from 'yjs'
import { CLOSE, closeReason } from './close-codes.ts'
import type { DocumentPeer } from './peer-relay.ts'
import type { Refusal } from './update-check.ts'
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
  private timer: ReturnType<typeof setTimeout> | null = null
  /** When the armed timer fires (its held update's deadline). */
  private armedFor = Infinity

  constructor(
    readonly maxBytes = MAX_HELD_BYTES,
    readonly maxMs = MAX_HELD_MS,
  ) {}

  get size(): number {
    return this.items.length
  }

  /** Holds `update`; a refusal when that would pass the byte bound. */
  hold(update: Uint8Array, origin: DocumentPeer | null, author: UpdateAuthor | null, heldAt = Date.now()): Refusal | null {
    if (this.bytes + update.length > this.maxBytes) {
      return incomplete(`mises à jour en attente de leurs dépendances au-delà de ${Math.round(this.maxBytes / 1024)} Ko`)
    }
    let from = new Map<number, number>()
    try {
      from = Y.parseUpdateMeta(update).from
    } catch {
      // Unreadable meta: it will simply be tried each time.
    }
    this.items.push({ update, origin, author, heldAt, from })
    this.bytes += update.length
    this.arm(heldAt + this.maxMs)
    return null
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
    this.arm(h.heldAt + this.maxMs)
  }

  /** Refuses the updates held longer than the bound, closing their sockets. */
  private expire(now = Date.now()): void {
    const expired = this.items.filter((h) => now - h.heldAt >= this.maxMs)
    this.items = this.items.filter((h) => now - h.heldAt < this.maxMs)
    for (const h of expired) {
      this.bytes -= h.update.length
      refuse(h, incomplete(`dépendances de la mise à jour non reçues en ${Math.round(this.maxMs / 1000)} s`))
    }
    if (this.items.length > 0) this.arm(Math.min(...this.items.map((h) => h.heldAt)) + this.maxMs)
  }

  /**
   * One timer, for the earliest deadline: armed again only when `deadline`
   * comes sooner (updates put back by a retry are not worth a new timer
   * each). Updates taken out leave it early at worst: `expire` finds
   * nothing due and arms for the next.
   */
  private arm(deadline: number): void {
    if (this.timer && this.armedFor <= deadline) return
    if (this.timer) clearTimeout(this.timer)
    this.armedFor = deadline
    this.timer = setTimeout(() => {
      this.timer = null
      this.armedFor = Infinity
      this.expire()
    }, Math.max(0, deadline - Date.now()))
    this.timer.unref?.()
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
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.armedFor = Infinity
    this.items = []
    this.bytes = 0
  }
}

/** The refusal of an update whose dependencies did not come (or could not be waited for). */
export function incomplete(message: string): Refusal {
  return { code: 'mise_a_jour_incomplete', closeCode: CLOSE.protocolError, message }
}

/** A held update that cannot be stored: its socket closes with the reason. */
export function refuse(h: HeldUpdate, refusal: Refusal): void {
  h.origin?.close(refusal.closeCode, closeReason(refusal.code, refusal.message))
}
