import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as encoding from 'lib0/encoding'
import {
  decodeMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './protocol.ts'
import { closeReason } from './close-codes.ts'

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return doc
}

describe('decodeMessage', () => {
  it('reads the sync step 1 that y-protocols writes', () => {
    const doc = docWithText('bonjour')
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    syncProtocol.writeSyncStep1(e, doc)
    const r = decodeMessage(encoding.toUint8Array(e))
    expect(r.ok && r.message.kind).toBe('sync-step1')
    if (r.ok && r.message.kind === 'sync-step1') {
      expect(Array.from(r.message.stateVector)).toEqual(Array.from(Y.encodeStateVector(doc)))
    }
  })

  it('reads sync step 2 and updates, whose bytes apply to another doc', () => {
    const doc = docWithText('classement')
    const update = Y.encodeStateAsUpdate(doc)
    for (const [bytes, kind] of [
      [encodeSyncStep2(update), 'sync-step2'],
      [encodeSyncUpdate(update), 'sync-update'],
    ] as const) {
      const r = decodeMessage(bytes)
      expect(r.ok).toBe(true)
      if (r.ok && (r.message.kind === 'sync-step2' || r.message.kind === 'sync-update')) {
        expect(r.message.kind).toBe(kind)
        const other = new Y.Doc()
        Y.applyUpdate(other, r.message.update)
        expect(other.getText('t').toString()).toBe('classement')
      }
    }
  })

  it('reads an awareness update with its parsed states', () => {
    const doc = new Y.Doc()
    const aw = new awarenessProtocol.Awareness(doc)
    aw.setLocalStateField('user', { name: 'Claire', color: '#c00', organisation: 'CFDT' })
    const bytes = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]))
    const r = decodeMessage(bytes)
    expect(r.ok).toBe(true)
    if (r.ok && r.message.kind === 'awareness') {
      expect(r.message.entries).toHaveLength(1)
      expect(r.message.entries[0]?.clientId).toBe(doc.clientID)
      expect(r.message.entries[0]?.state).toEqual({ user: { name: 'Claire', color: '#c00', organisation: 'CFDT' } })
    }
    aw.destroy()
  })

  it('reads query-awareness and auth messages', () => {
    const q = decodeMessage(encodeQueryAwareness())
    expect(q.ok && q.message.kind).toBe('query-awareness')
    const a = decodeMessage(encodePermissionDenied('lecture seule'))
    expect(a.ok && a.message).toEqual({ kind: 'auth-permission-denied', reason: 'lecture seule' })
  })

  it('round-trips what it encodes', () => {
    const sv = Y.encodeStateVector(docWithText('x'))
    const r = decodeMessage(encodeSyncStep1(sv))
    expect(r.ok && r.message.kind === 'sync-step1' && Array.from(r.message.stateVector)).toEqual(Array.from(sv))
  })

  const bad: [string, number[], string][] = [
    ['empty frame', [], 'frame_empty'],
    ['truncated type varint', [0x80], 'varint_truncated'],
    ['varint longer than a safe integer', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 'varint_too_large'],
    ['unknown message type', [7], 'unknown_message_type'],
    ['unknown sync step', [0, 9, 0], 'unknown_sync_step'],
    ['sync without payload length', [0, 2], 'varint_truncated'],
    ['absurd payload length', [0, 2, 0xff, 0xff, 0xff, 0x7f, 1, 2], 'length_exceeds_frame'],
    ['trailing bytes', [3, 0], 'trailing_bytes'],
    ['state vector claiming many pairs', [0, 0, 2, 0x7f, 1], 'invalid_state_vector'],
    ['awareness with absurd count', [1, 2, 0x7f, 1], 'invalid_awareness'],
    ['awareness with bad JSON', [1, 5, 1, 1, 1, 1, 0x7b], 'invalid_awareness'],
    ['awareness with bad UTF-8', [1, 5, 1, 1, 1, 1, 0xff], 'invalid_awareness'],
    ['unknown auth message', [2, 4], 'unknown_auth_type'],
  ]
  for (const [name, bytes, code] of bad) {
    it(`refuses ${name} with ${code}`, () => {
      const r = decodeMessage(new Uint8Array(bytes))
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe(code)
        expect(r.error.message.length).toBeGreaterThan(3)
      }
    })
  }

  it('never throws on random bytes', () => {
    let seed = 42
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
    let refused = 0
    for (let i = 0; i < 20_000; i++) {
      const bytes = new Uint8Array(1 + Math.floor(rand() * 40)).map(() => Math.floor(rand() * 256))
      if (!decodeMessage(bytes).ok) refused++
    }
    expect(refused).toBeGreaterThan(15_000)
  })
})

describe('closeReason', () => {
  it('fits in 123 bytes and cuts at a character boundary', () => {
    const reason = closeReason('structure_invalide', 'é'.repeat(200))
    expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123)
    expect(reason.startsWith('structure_invalide: é')).toBe(true)
    expect(reason.endsWith('...')).toBe(true)
  })
})
