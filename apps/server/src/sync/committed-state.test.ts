/**
 * Opening a committed state (`committed-state.ts`): a snapshot and its log
 * tail become the state without being relayed — nobody is there to receive
 * them, and relaying would make Yjs encode the whole loaded state again.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CommittedState } from './committed-state.ts'

function history(): { snapshot: Uint8Array; rows: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'Assure la maintenance')
  const snapshot = Y.encodeStateAsUpdate(doc)
  const rows: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => rows.push(u))
  doc.getText('t').insert(21, ' préventive')
  doc.getText('t').delete(0, 7)
  return { snapshot, rows, doc }
}

function recordingState() {
  const relayed: Uint8Array[] = []
  const state = new CommittedState({ onUpdate: (u) => relayed.push(u), canSleep: () => true })
  return { state, relayed }
}

describe('CommittedState.load', () => {
  it('builds the state from a snapshot and its tail without relaying any of it', () => {
    const { snapshot, rows, doc } = history()
    const { state, relayed } = recordingState()
    state.load([snapshot, ...rows])
    expect(relayed).toHaveLength(0)
    expect(state.live.getText('t').toString()).toBe(doc.getText('t').toString())
    expect(Y.encodeStateVector(state.live)).toEqual(Y.encodeStateVector(doc))
    state.destroy()
  })

  it('relays what is applied after the load, once', () => {
    const { snapshot, rows, doc } = history()
    const { state, relayed } = recordingState()
    state.load([snapshot, ...rows])
    const before = Y.encodeStateVector(doc)
    doc.getText('t').insert(0, 'Il ')
    state.apply(Y.encodeStateAsUpdate(doc, before), 'peer')
    expect(relayed).toHaveLength(1)
    expect(state.live.getText('t').toString()).toBe(doc.getText('t').toString())
    state.destroy()
  })

  it('keeps a lone snapshot encoded (dormant), with the same answer to a fresh client', () => {
    const { doc } = history()
    const { state } = recordingState()
    const whole = Y.encodeStateAsUpdate(doc)
    state.load([whole])
    expect(state.dormant).toBe(true)
    const client = new Y.Doc()
    Y.applyUpdate(client, state.diff(Y.encodeStateVector(client)))
    expect(client.getText('t').toString()).toBe(doc.getText('t').toString())
    state.destroy()
  })
})

describe('CommittedState.contains', () => {
  it('finds nothing missing in the empty update a fresh provider answers with, asleep or awake', () => {
    const { snapshot, rows } = history()
    const empty = Y.encodeStateAsUpdate(new Y.Doc())
    const asleep = recordingState().state
    asleep.load([snapshot])
    expect(asleep.contains(empty)).toBe(true)
    const awake = recordingState().state
    awake.load([snapshot, ...rows])
    expect(awake.contains(empty)).toBe(true)
    // An update that brings something is still looked for.
    const other = new Y.Doc()
    other.getText('t').insert(0, 'x')
    expect(awake.contains(Y.encodeStateAsUpdate(other))).toBe(false)
    asleep.destroy()
    awake.destroy()
  })
})
