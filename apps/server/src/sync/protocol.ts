/**
 * The y-websocket wire protocol, pure: bytes in, typed messages out, and
 * builders for the frames the server sends. The stock `y-websocket`
 * `WebsocketProvider` speaks it unchanged: a varint message type
 * (0 sync, 1 awareness, 2 auth, 3 query-awareness) followed by the
 * y-protocols payload (sync step 1 / step 2 / update; awareness update;
 * permission-denied). Decoding is strict — truncated varints, lengths past
 * the end of the frame, unknown types, malformed awareness states and
 * trailing bytes all give a typed `ProtocolError` with a French message, so
 * that the connection can close that socket with a reason and nothing throws.
 * The Yjs update bytes themselves are checked later, when the document
 * applies them to its scratch copy.
 */
import * as encoding from 'lib0/encoding'
import { ByteReader, type ReadFault } from './byte-reader.ts'

export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_AUTH = 2
export const MESSAGE_QUERY_AWARENESS = 3

export const SYNC_STEP1 = 0
export const SYNC_STEP2 = 1
export const SYNC_UPDATE = 2

/** y-protocols/auth: the only auth message defined. */
export const AUTH_PERMISSION_DENIED = 0

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
  | ReadFault
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

function fail(code: ProtocolErrorCode, detail?: string): { ok: false; error: ProtocolError } {
  return { ok: false, error: { code, message: detail ? `${MESSAGES[code]} (${detail})` : MESSAGES[code] } }
}

/** Decodes one incoming frame. Never throws. */
export function decodeMessage(frame: Uint8Array): DecodeResult {
  if (frame.length === 0) return fail('frame_empty')
  const r = new ByteReader(frame)
  const type = r.readVarUint()
  if (!type.ok) return fail(type.fault)
  let result: DecodeResult
  switch (type.value) {
    case MESSAGE_SYNC:
      result = decodeSync(r)
      break
    case MESSAGE_AWARENESS:
      result = decodeAwarenessMessage(r)
      break
    case MESSAGE_AUTH:
      result = decodeAuth(r)
      break
    case MESSAGE_QUERY_AWARENESS:
      result = { ok: true, message: { kind: 'query-awareness' } }
      break
    default:
      return fail('unknown_message_type', String(type.value))
  }
  if (result.ok && r.remaining > 0) return fail('trailing_bytes', `${r.remaining} octet(s)`)
  return result
}

function decodeSync(r: ByteReader): DecodeResult {
  const step = r.readVarUint()
  if (!step.ok) return fail(step.fault)
  const payload = r.readVarBytes()
  if (!payload.ok) return fail(payload.fault)
  switch (step.value) {
    case SYNC_STEP1: {
      const sv = checkStateVector(payload.value)
      if (sv) return fail('invalid_state_vector', MESSAGES[sv])
      return { ok: true, message: { kind: 'sync-step1', stateVector: payload.value } }
    }
    case SYNC_STEP2:
      return { ok: true, message: { kind: 'sync-step2', update: payload.value } }
    case SYNC_UPDATE:
      return { ok: true, message: { kind: 'sync-update', update: payload.value } }
    default:
      return fail('unknown_sync_step', String(step.value))
  }
}

/** A state vector is a count then (client, clock) pairs, and nothing more. */
function checkStateVector(bytes: Uint8Array): ReadFault | 'trailing_bytes' | null {
  const r = new ByteReader(bytes)
  const count = r.readVarUint()
  if (!count.ok) return count.fault
  // Each pair takes at least two bytes: a larger count is a lie.
  if (count.value * 2 > r.remaining) return 'length_exceeds_frame'
  for (let i = 0; i < count.value; i++) {
    const client = r.readVarUint()
    if (!client.ok) return client.fault
    const clock = r.readVarUint()
    if (!clock.ok) return clock.fault
  }
  return r.remaining > 0 ? 'trailing_bytes' : null
}

function decodeAwarenessMessage(r: ByteReader): DecodeResult {
  const payload = r.readVarBytes()
  if (!payload.ok) return fail(payload.fault)
  const entries = decodeAwarenessUpdate(payload.value)
  if (!entries.ok) return fail('invalid_awareness', entries.detail)
  return { ok: true, message: { kind: 'awareness', update: payload.value, entries: entries.value } }
}

/** The awareness update of y-protocols: count, then (clientID, clock, JSON state). */
export function decodeAwarenessUpdate(
  bytes: Uint8Array,
): { ok: true; value: AwarenessEntry[] } | { ok: false; detail: string } {
  const r = new ByteReader(bytes)
  const count = r.readVarUint()
  if (!count.ok) return { ok: false, detail: MESSAGES[count.fault] }
  // clientID, clock and the string length take at least one byte each.
  if (count.value * 3 > r.remaining) return { ok: false, detail: MESSAGES.length_exceeds_frame }
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count.value; i++) {
    const clientId = r.readVarUint()
    if (!clientId.ok) return { ok: false, detail: MESSAGES[clientId.fault] }
    const clock = r.readVarUint()
    if (!clock.ok) return { ok: false, detail: MESSAGES[clock.fault] }
    const json = r.readVarString()
    if (!json.ok) return { ok: false, detail: MESSAGES[json.fault] }
    let state: unknown
    try {
      state = JSON.parse(json.value)
    } catch {
      return { ok: false, detail: 'état JSON illisible' }
    }
    entries.push({ clientId: clientId.value, clock: clock.value, state })
  }
  if (r.remaining > 0) return { ok: false, detail: MESSAGES.trailing_bytes }
  return { ok: true, value: entries }
}

function decodeAuth(r: ByteReader): DecodeResult {
  const type = r.readVarUint()
  if (!type.ok) return fail(type.fault)
  if (type.value !== AUTH_PERMISSION_DENIED) return fail('unknown_auth_type', String(type.value))
  const reason = r.readVarString()
  if (!reason.ok) return fail(reason.fault)
  return { ok: true, message: { kind: 'auth-permission-denied', reason: reason.value } }
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
    encoding.writeVarUint(e, SYNC_UPDATE)
    encoding.writeVarUint8Array(e, update)
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
    encoding.writeVarUint(e, AUTH_PERMISSION_DENIED)
    encoding.writeVarString(e, reason)
  })
}
