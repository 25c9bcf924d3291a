import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { AwarenessGuard } from './awareness-guard.ts'

const identity = { name: 'Vera Martin', organisation: 'DGT' }

/** A real client's awareness update for its own state. */
function clientUpdate(state: Record<string, unknown> | null, doc = new Y.Doc()): { update: Uint8Array; clientId: number; awareness: awarenessProtocol.Awareness } {
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState(state)
  return { update: awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]), clientId: doc.clientID, awareness }
}

/** Applies a guarded update to a fresh observer and returns what it sees. */
function seenBy(update: Uint8Array | null): Map<number, any> {
  const observer = new awarenessProtocol.Awareness(new Y.Doc())
  observer.setLocalState(null)
  if (update) awarenessProtocol.applyAwarenessUpdate(observer, update, 'test')
  return observer.getStates()
}

describe('AwarenessGuard', () => {
  it('replaces the claimed name and organisation by the session ones, keeping a well-formed colour and the cursor', () => {
    const guard = new AwarenessGuard(identity)
    const { update, clientId } = clientUpdate({ user: { name: 'Présidente FNP', organisation: 'FNP', color: '#aa0000' }, cursor: { anchor: 1 } })
    const result = guard.check(update)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(seenBy(result.update).get(clientId)).toEqual({ user: { name: 'Vera Martin', organisation: 'DGT', color: '#aa0000' }, cursor: { anchor: 1 } })
    expect(guard.ownClientId).toBe(clientId)
    const painted = clientUpdate({ user: { color: 'red;background:url(x)' } })
    const badColour = new AwarenessGuard(identity).check(painted.update)
    expect(badColour.ok && seenBy(badColour.update).get(painted.clientId)).toEqual({ user: { name: 'Vera Martin', organisation: 'DGT' } })
  })

  it('drops states for another client id (overwrite or removal of someone else) and keeps its own removal', () => {
    const guard = new AwarenessGuard(identity)
    const own = clientUpdate({ user: { name: 'x' } })
    guard.check(own.update)
    const victim = clientUpdate({ user: { name: 'Présidente FNP' } })
    const overwrite = guard.check(victim.update)
    expect(overwrite).toEqual({ ok: true, update: null, dropped: 1 })
    victim.awareness.setLocalState(null)
    const removal = guard.check(awarenessProtocol.encodeAwarenessUpdate(victim.awareness, [victim.clientId]))
    expect(removal).toEqual({ ok: true, update: null, dropped: 1 })
    own.awareness.setLocalState(null)
    const leave = guard.check(awarenessProtocol.encodeAwarenessUpdate(own.awareness, [own.clientId]))
    expect(leave.ok && seenBy(leave.update).size).toBe(0)
    expect(leave.ok && leave.update).not.toBeNull()
  })

  it('does not claim an id another connection holds', () => {
    const guard = new AwarenessGuard(identity)
    const taken = clientUpdate({ user: {} })
    expect(guard.check(taken.update, (id) => id === taken.clientId)).toEqual({ ok: true, update: null, dropped: 1 })
    expect(guard.ownClientId).toBeNull()
  })

  it('accepts the stock provider echoing everyone present, keeping only its own state', () => {
    const doc = new Y.Doc()
    const awareness = new awarenessProtocol.Awareness(doc)
    const ids = [awareness.clientID]
    for (let i = 1; i <= 30; i++) {
      awareness.states.set(i, { user: { name: `collègue ${i}` } })
      awareness.meta.set(i, { clock: 1, lastUpdated: 0 })
      ids.push(i)
    }
    const guard = new AwarenessGuard(identity)
    const echo = guard.check(awarenessProtocol.encodeAwarenessUpdate(awareness, ids), (id) => id !== awareness.clientID)
    expect(echo).toMatchObject({ ok: true, dropped: 30 })
    expect(guard.ownClientId).toBe(awareness.clientID)
  })

  it('refuses 20,000 ghost states in one frame and a 4 MiB state', () => {
    const doc = new Y.Doc()
    const awareness = new awarenessProtocol.Awareness(doc)
    const ids: number[] = []
    for (let i = 1; i <= 20_000; i++) {
      awareness.states.set(i, { user: { name: `fantôme ${i}` } })
      awareness.meta.set(i, { clock: 1, lastUpdated: 0 })
      ids.push(i)
    }
    const mass = new AwarenessGuard(identity).check(awarenessProtocol.encodeAwarenessUpdate(awareness, ids))
    expect(mass).toMatchObject({ ok: false, code: 'presence_trop_nombreuse' })
    const huge = new AwarenessGuard(identity).check(clientUpdate({ user: {}, blob: 'x'.repeat(4 * 1024 * 1024) }).update)
    expect(huge).toMatchObject({ ok: false, code: 'presence_trop_volumineuse', message: expect.stringMatching(/4097 Ko \(16 Ko au plus\)/) })
  })

  it('refuses bytes that are not an awareness update', () => {
    expect(new AwarenessGuard(identity).check(new Uint8Array([1, 5, 3]))).toMatchObject({ ok: false, code: 'invalid_awareness' })
  })
})
