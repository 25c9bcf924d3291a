import { describe, expect, it } from 'vitest'
import { accessKey, RightsWatcher, type FicheAccess, type RightsSource, type WatchedConnection } from './rights-watcher.ts'
import type { ConnectionInfo } from './connection.ts'

function fakeConnection(info: Partial<ConnectionInfo> = {}) {
  const closes: { code: number; reason: string }[] = []
  const connection: WatchedConnection = {
    info: { ficheId: 'f1', userId: 'u1', organisationId: 'o1', role: 'editor', ...info },
    close: (code, reason) => { closes.push({ code, reason }) },
  }
  return { connection, closes }
}

function source(state: { sessions: Set<string>; access: FicheAccess }): RightsSource {
  return {
    liveSessions: async (keys) => new Set(keys.filter((k) => state.sessions.has(k))),
    access: async (pairs) => new Map(pairs.map((p) => [accessKey(p.ficheId, p.organisationId), state.access])),
    deletedBy: async () => ({ name: 'Ana', organisation: 'FNP' }),
  }
}

describe('RightsWatcher', () => {
  it('makes a connection read-only and closes it when its role stops allowing writes', async () => {
    const state = { sessions: new Set(['s1']), access: { kind: 'member', role: 'editor', negotiationId: 'n' } as FicheAccess }
    const watcher = new RightsWatcher(source(state), { sweepMs: 60_000 })
    const a = fakeConnection()
    watcher.track(a.connection, 's1')
    await watcher.checkAll()
    expect(a.closes).toEqual([])
    state.access = { kind: 'member', role: 'viewer', negotiationId: 'n' }
    watcher.handle({ kind: 'membership', negotiationId: 'n', organisationId: 'o1' })
    await watcher.checkAll()
    expect(a.connection.info.role).toBe('viewer')
    expect(a.closes).toEqual([{ code: 4401, reason: expect.stringMatching(/^droits_modifies: .*« lecture »/) }])
    watcher.stop()
  })

  it('upgrades in place, and closes on a session that ended or a fiche that was deleted', async () => {
    const state = { sessions: new Set(['s1', 's2']), access: { kind: 'member', role: 'chair', negotiationId: 'n' } as FicheAccess }
    const watcher = new RightsWatcher(source(state), { sweepMs: 60_000 })
    const up = fakeConnection({ role: 'viewer' })
    const other = fakeConnection({ ficheId: 'f2' })
    watcher.track(up.connection, 's1')
    watcher.track(other.connection, 's2')
    await watcher.checkAll()
    expect(up.connection.info.role).toBe('chair')
    expect(up.closes).toEqual([])
    watcher.handle({ kind: 'session-ended', sessionKey: 's1' })
    expect(up.closes[0]).toMatchObject({ code: 4401, reason: expect.stringMatching(/^session_terminee/) })
    watcher.handle({ kind: 'fiche-deleted', ficheId: 'f2', by: { name: 'Ana', organisation: 'FNP' } })
    expect(other.closes).toEqual([{ code: 4410, reason: 'fiche_supprimee: Cette fiche a été supprimée par Ana (FNP)' }])
    expect(watcher.size).toBe(0)
    watcher.stop()
  })

  it('finds expired sessions and deleted fiches on its periodic check', async () => {
    const state = { sessions: new Set(['s1']), access: { kind: 'member', role: 'editor', negotiationId: 'n' } as FicheAccess }
    const watcher = new RightsWatcher(source(state), { sweepMs: 60_000 })
    const a = fakeConnection()
    const b = fakeConnection()
    watcher.track(a.connection, 's1')
    watcher.track(b.connection, 's-expired')
    state.access = { kind: 'no-fiche' }
    await watcher.checkAll()
    await new Promise((r) => setTimeout(r, 0))
    expect(b.closes[0]).toMatchObject({ code: 4401 })
    expect(a.closes).toEqual([{ code: 4410, reason: 'fiche_supprimee: Cette fiche a été supprimée par Ana (FNP)' }])
    watcher.stop()
  })

  it('asks about every open socket in one question per sweep, each fiche and organisation once', async () => {
    const asked: number[] = []
    const watcher = new RightsWatcher({
      liveSessions: async (keys) => new Set(keys),
      access: async (pairs) => {
        asked.push(pairs.length)
        return new Map(pairs.map((p) => [accessKey(p.ficheId, p.organisationId), p.organisationId === 'o-out' ? { kind: 'not-member' } : { kind: 'member', role: 'editor', negotiationId: 'n' }]))
      },
      deletedBy: async () => null,
    }, { sweepMs: 60_000 })
    const sockets = Array.from({ length: 300 }, (_, i) => fakeConnection({ ficheId: `f${i % 100}`, organisationId: i % 150 === 0 ? 'o-out' : `o${i % 3}` }))
    for (const [i, s] of sockets.entries()) watcher.track(s.connection, `s${i}`)
    await watcher.checkAll()
    expect(asked).toEqual([new Set(sockets.map((s) => accessKey(s.connection.info.ficheId, s.connection.info.organisationId))).size])
    expect(sockets.filter((s) => s.closes.length > 0).map((s) => s.connection.info.organisationId)).toEqual(['o-out', 'o-out'])
    watcher.stop()
  })
})
