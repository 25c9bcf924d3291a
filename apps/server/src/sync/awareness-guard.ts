/**
 * Presence is bound to the connection. An awareness frame from a client is
 * passed through the guard of its connection before it reaches the
 * document's awareness (and every other client):
 *
 * - the `user` field (name, organisation) is the session's, whatever the
 *   client wrote; a colour is kept only if it is a plain `#rgb`/`#rrggbb`;
 * - a connection owns one client id: the first one it announces that no one
 *   else holds; states for any other id (overwrites or removals of someone
 *   else's presence, ghosts) are dropped;
 * - a frame with more than `maxStatesPerFrame` states, or a state larger
 *   than `maxStateBytes` once encoded, is refused: the connection is closed
 *   with a reason (no honest client sends either).
 *
 * Pure: bytes in (a y-protocols awareness update), bytes out, no I/O.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export interface PresenceIdentity {
  name: string
  organisation: string
}

export interface AwarenessLimits {
  maxStateBytes: number
  maxStatesPerFrame: number
}

/**
 * A cursor and a user take a few hundred bytes. A client speaks for its own
 * state only, but the stock y-websocket provider echoes every awareness
 * change it receives — the states of everyone present — so a frame may carry
 * one state per person in the fiche: the foreign ones are dropped (see
 * `check`), and only a flood past any real meeting is refused.
 */
export const DEFAULT_AWARENESS_LIMITS: AwarenessLimits = { maxStateBytes: 16 * 1024, maxStatesPerFrame: 1024 }

export type GuardResult =
  | { ok: true; update: Uint8Array | null; dropped: number }
  | { ok: false; code: string; message: string }

const COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/
const utf8 = new TextEncoder()

export class AwarenessGuard {
  /** The client id this connection speaks for, once it has announced one. */
  ownClientId: number | null = null

  constructor(
    private readonly identity: PresenceIdentity,
    private readonly limits: AwarenessLimits = DEFAULT_AWARENESS_LIMITS,
  ) {}

  /**
   * Checks one awareness update from the client. `heldByOther(id)` tells
   * whether another connection holds that id (it cannot be claimed).
   * `update` is null when nothing is left to apply.
   */
  check(update: Uint8Array, heldByOther: (clientId: number) => boolean = () => false): GuardResult {
    const kept: { clientId: number; clock: number; json: string }[] = []
    let dropped = 0
    try {
      const decoder = decoding.createDecoder(update)
      const count = decoding.readVarUint(decoder)
      if (count > this.limits.maxStatesPerFrame) {
        return { ok: false, code: 'presence_trop_nombreuse', message: `${count} présences dans un message (${this.limits.maxStatesPerFrame} au plus)` }
      }
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(decoder)
        const clock = decoding.readVarUint(decoder)
        const json = decoding.readVarString(decoder)
        const bytes = utf8.encode(json).length
        if (bytes > this.limits.maxStateBytes) {
          return { ok: false, code: 'presence_trop_volumineuse', message: `présence de ${Math.ceil(bytes / 1024)} Ko (${Math.floor(this.limits.maxStateBytes / 1024)} Ko au plus)` }
        }
        const state = JSON.parse(json) as unknown
        if (this.ownClientId === null && state !== null && !heldByOther(clientId)) this.ownClientId = clientId
        if (clientId !== this.ownClientId) {
          dropped++
          continue
        }
        if (state === null) {
          kept.push({ clientId, clock, json: 'null' })
          continue
        }
        if (typeof state !== 'object' || Array.isArray(state)) {
          dropped++
          continue
        }
        kept.push({ clientId, clock, json: JSON.stringify(this.bind(state as Record<string, unknown>)) })
      }
      if (decoding.hasContent(decoder)) return { ok: false, code: 'invalid_awareness', message: 'message de présence invalide (octets en trop)' }
    } catch {
      return { ok: false, code: 'invalid_awareness', message: 'message de présence invalide' }
    }
    if (kept.length === 0) return { ok: true, update: null, dropped }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, kept.length)
    for (const k of kept) {
      encoding.writeVarUint(encoder, k.clientId)
      encoding.writeVarUint(encoder, k.clock)
      encoding.writeVarString(encoder, k.json)
    }
    return { ok: true, update: encoding.toUint8Array(encoder), dropped }
  }

  /** The state with the session's `user`; the client's colour when well-formed. */
  private bind(state: Record<string, unknown>): Record<string, unknown> {
    const claimed = state.user && typeof state.user === 'object' ? (state.user as Record<string, unknown>) : {}
    const user: Record<string, unknown> = { name: this.identity.name, organisation: this.identity.organisation }
    if (typeof claimed.color === 'string' && COLOUR.test(claimed.color)) user.color = claimed.color
    return { ...state, user }
  }
}
