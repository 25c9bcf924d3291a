import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { ScratchCopy } from './scratch-copy.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('ScratchCopy', () => {
  it('is built on first use, kept while used, freed once idle', () => {
    vi.useFakeTimers()
    let built = 0
    let dropped = 0
    const copy = new ScratchCopy(() => (built++, new Y.Doc()), () => dropped++, 1_000)
    expect(copy.current).toBeNull()
    const doc = copy.obtain()
    expect(copy.obtain()).toBe(doc)
    copy.touch()
    vi.advanceTimersByTime(600)
    copy.touch()
    vi.advanceTimersByTime(600)
    expect(copy.current).toBe(doc)
    vi.advanceTimersByTime(500)
    expect(copy.current).toBeNull()
    expect(dropped).toBe(1)
    copy.obtain()
    expect(built).toBe(2)
  })

  it('stops its timer when disposed', () => {
    vi.useFakeTimers()
    let dropped = 0
    const copy = new ScratchCopy(() => new Y.Doc(), () => dropped++, 1_000)
    copy.obtain()
    copy.touch()
    copy.dispose()
    vi.advanceTimersByTime(5_000)
    expect(copy.current).toBeNull()
    expect(dropped).toBe(0)
  })
})
