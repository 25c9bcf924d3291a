import { describe, expect, it } from 'vitest'
import { FairQueue } from './fair-queue.ts'

const job = (owner: string, n: number) => ({ owner, n })

describe('FairQueue', () => {
  it('serves owners in turn, not in arrival order', () => {
    const q = new FairQueue<{ owner: string; n: number }>(8)
    for (let i = 1; i <= 4; i++) q.push(job('a', i))
    q.push(job('b', 1))
    q.push(job('b', 2))
    const order = [q.take(), q.take(), q.take(), q.take(), q.take(), q.take()].map((j) => `${j!.owner}${j!.n}`)
    expect(order).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'a4'])
    expect(q.take()).toBeNull()
  })

  it('holds an owner at its bound of running jobs until one is done', () => {
    const q = new FairQueue<{ owner: string; n: number }>(1)
    q.push(job('a', 1))
    q.push(job('a', 2))
    q.push(job('b', 1))
    expect(q.take()).toMatchObject({ owner: 'a', n: 1 })
    expect(q.take()).toMatchObject({ owner: 'b', n: 1 })
    expect(q.take()).toBeNull()
    expect(q.waitingFor('a')).toBe(1)
    q.done('a')
    expect(q.take()).toMatchObject({ owner: 'a', n: 2 })
    expect(q.waiting).toBe(0)
  })
})
