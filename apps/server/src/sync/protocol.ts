/**
 * The y-websocket wire protocol, pure: bytes in, typed messages out, and
 * builders for the frames the server sends. The stock `y-websocket`
 * `WebsocketProvider` speaks it unchanged: a varint message type
 * (0 sync, 1 awareness, 2 auth, 3 query-awareness) followed by the
 * y-protocols payload (sync step 1 / step 2 / update; awareness update;
 * permission-denied). Frames are read with `lib0/decoding` (the decoder
 * y-protocols itself uses) inside one guard, `decodeMessage`: lib0 throws on
 * truncated or oversized input, and the guard turns every throw into a typed
 * `ProtocolError` with a French message, so the connection closes that
 * socket with a reason and nothing escapes. Decoding is strict: lengths past
 * the end of the frame, unknown types, malformed awareness states and
 * trailing bytes are refused too. The Yjs update bytes themselves are
 * checked later, when the document applies them to its scratch copy.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as authProtocol from 'y-protocols/auth'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate

/** y-protocols/auth: the only auth message defined. */
export const AUTH_PERMISSION_DENIED = authProtocol.messagePermissionDenied

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The parsed JSON state; `null` means the client left. */
  state: unknown
}

export type SyncMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array; entries: AwarenessEntry[] }
  | { kind: 'auth-permission-denied'; reason: string }
  | { kind: 'query-awareness' }

export type ProtocolErrorCode =
  | 'frame_empty'
  | 'frame_not_binary'
  | 'varint_truncated'
  | 'varint_too_large'
  | 'length_exceeds_frame'
  | 'invalid_utf8'
  | 'unknown_message_type'
  | 'unknown_sync_step'
  | 'unknown_auth_type'
  | 'invalid_state_vector'
  | 'invalid_awareness'
  | 'trailing_bytes'

export interface ProtocolError {
  code: ProtocolErrorCode
  message: string
}

export type DecodeResult = { ok: true; message: SyncMessage } | { ok: false; error: ProtocolError }

const MESSAGES: Record<ProtocolErrorCode, string> = {
  frame_empty: 'trame vide',
  frame_not_binary: 'trame texte refusée : le protocole est binaire',
  varint_truncated: 'entier tronqué',
  varint_too_large: 'entier trop grand',
  length_exceeds_frame: 'longueur annoncée au-delà de la trame',
  invalid_utf8: 'texte UTF-8 invalide',
  unknown_message_type: 'type de message inconnu',
  unknown_sync_step: 'étape de synchronisation inconnue',
  unknown_auth_type: "message d'authentification inconnu",
  invalid_state_vector: "vecteur d'état invalide",
  invalid_awareness: 'message de présence invalide',
  trailing_bytes: 'octets en trop après le message',
}

/** A refusal raised inside the guard; any other throw is mapped by `faultOf`. */
class Refused extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    readonly detail?: string,
  ) {
    super(code)
  }
}

/** What a throw from lib0 means: its decoder throws only these two errors, or a TypeError of the fatal UTF-8 decoder. */
function faultOf(error: unknown): ProtocolErrorCode {
  if (error instanceof Refused) return error.code
  if (error instanceof Error && error.message === 'Integer out of Range') return 'varint_too_large'
  if (error instanceof TypeError) return 'invalid_utf8'
  return 'varint_truncated'
}

function failure(code: ProtocolErrorCode, detail?: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code, message: detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code] } }
}

const remaining = (d: decoding.Decoder): number => d.arr.length - d.pos

/** A length-prefixed byte array; a length past the frame is its own fault (lib0 would say "end of array"). */
function readBytes(d: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(d)
  if (length > remaining(d)) throw new Refused('length_exceeds_frame')
  return decoding.readUint8Array(d, length)
}

/** A length-prefixed UTF-8 string (lib0's fatal decoder throws a TypeError on invalid UTF-8). */
function readString(d: decoding.Decoder): string {
  const start = d.pos
  readBytes(d) // the length check of `readBytes`, then lib0 reads the string itself
  d.pos = start
  return decoding.readVarString(d)
}

/** Decodes one incoming frame. Never throws: this is the one guarded place where frames are read. */
export function decodeMessage(frame: Uint8Array): DecodeResult {
  if (frame.length === 0) return failure('frame_empty')
  const d = decoding.createDecoder(frame)
  try {
    const message = readMessage(d)
    if (remaining(d) > 0) return failure('trailing_bytes', `${remaining(d)} octet(s)`)
    return { ok: true, message }
  } catch (error) {
    return failure(faultOf(error), error instanceof Refused ? error.detail : undefined)
  }
}

function readMessage(d: decoding.Decoder): SyncMessage {
  const type = decoding.readVarUint(d)
  switch (type) {
    case MESSAGE_SYNC:
      return readSync(d)
    case MESSAGE_AWARENESS: {
      const update = readBytes(d)
      const entries = decodeAwarenessUpdate(update)
      if (!entries.ok) throw new Refused('invalid_awareness', entries.detail)
      return { kind: 'awareness', update, entries: entries.value }
    }
    case MESSAGE_AUTH: {
      const authType = decoding.readVarUint(d)
      if (authType !== AUTH_PERMISSION_DENIED) throw new Refused('unknown_auth_type', String(authType))
      return { kind: 'auth-permission-denied', reason: readString(d) }
    }
    case MESSAGE_QUERY_AWARENESS:
      return { kind: 'query-awareness' }
    default:
      throw new Refused('unknown_message_type', String(type))
  }
}

function readSync(d: decoding.Decoder): SyncMessage {
  const step = decoding.readVarUint(d)
  const payload = readBytes(d)
  switch (step) {
    case SYNC_STEP1: {
      const fault = stateVectorFault(payload)
      if (fault) throw new Refused('invalid_state_vector', MESSAGES[fault])
      return { kind: 'sync-step1', stateVector: payload }
    }
    case SYNC_STEP2:
      return { kind: 'sync-step2', update: payload }
    case SYNC_UPDATE:
      return { kind: 'sync-update', update: payload }
    default:
      throw new Refused('unknown_sync_step', String(step))
  }
}

/** A state vector is a count then (client, clock) pairs, and nothing more. */
function stateVectorFault(bytes: Uint8Array): ProtocolErrorCode | null {
  const d = decoding.createDecoder(bytes)
  try {
    const count = decoding.readVarUint(d)
    // Each pair takes at least two bytes: a larger count is a lie.
    if (count * 2 > remaining(d)) return 'length_exceeds_frame'
    for (let i = 0; i < count; i++) {
      decoding.readVarUint(d)
      decoding.readVarUint(d)
    }
    return remaining(d) > 0 ? 'trailing_bytes' : null
  } catch (error) {
    return faultOf(error)
  }
}

/** The awareness update of y-protocols: count, then (clientID, clock, JSON state). */
export function decodeAwarenessUpdate(
  bytes: Uint8Array,
): { ok: true; value: AwarenessEntry[] } | { ok: false; detail: string } {
  const d = decoding.createDecoder(bytes)
  try {
    const count = decoding.readVarUint(d)
    // clientID, clock and the string length take at least one byte each.
    if (count * 3 > remaining(d)) return { ok: false, detail: MESSAGES.length_exceeds_frame }
    const entries: AwarenessEntry[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(d)
      const clock = decoding.readVarUint(d)
      const json = readString(d)
      let state: unknown
      try {
        state = JSON.parse(json)
      } catch {
        return { ok: false, detail: 'état JSON illisible' }
      }
      entries.push({ clientId, clock, state })
    }
    if (remaining(d) > 0) return { ok: false, detail: MESSAGES.trailing_bytes }
    return { ok: true, value: entries }
  } catch (error) {
    return { ok: false, detail: MESSAGES[faultOf(error)] }
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    encoding.writeVarUint(e, SYNC_STEP1)
    encoding.writeVarUint8Array(e, stateVector)
  })
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    encoding.writeVarUint(e, SYNC_STEP2)
    encoding.writeVarUint8Array(e, update)
  })
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC)
    syncProtocol.writeUpdate(e, update)
  })
}

/** Wraps an awareness update (as produced by y-protocols' `encodeAwarenessUpdate`). */
export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(e, awarenessUpdate)
  })
}

export function encodeQueryAwareness(): Uint8Array {
  return frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS))
}

export function encodePermissionDenied(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AUTH)
    authProtocol.writePermissionDenied(e, reason)
  })
}
