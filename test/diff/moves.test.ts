import { diffTextes } from '@paritaire/diff'
import { describe, expect, it } from 'vitest'
import { AVENANT_004, importCorpus } from './corpus.ts'
import { moveFiches } from './edits.ts'

describe('a reordered text', () => {
  const avenant = importCorpus(AVENANT_004)

  it('yields moves, not deletions and insertions', () => {
    const reordered = moveFiches(avenant, 10, 7)
    const cs = diffTextes(avenant, reordered)
    expect(cs.summary.added + cs.summary.removed + cs.summary.modified).toBe(0)
    expect(cs.summary.moved).toBeGreaterThan(0)
    expect(cs.summary.moved).toBeLessThanOrEqual(10)
    expect(cs.summary.moved + cs.summary.unchanged).toBe(114)
    expect(cs.fiches.filter((f) => f.moved).every((f) => f.status === 'moved' && f.olderIndex !== f.newerIndex)).toBe(true)
  })

  it('names the one fiche moved to the end', () => {
    const b = structuredClone(avenant)
    const [first] = b.fiches.splice(0, 1)
    b.fiches.push(first!)
    const cs = diffTextes(avenant, b)
    expect(cs.summary).toEqual({ added: 0, removed: 0, modified: 0, moved: 1, unchanged: 113, typographyOnly: 0 })
    expect(cs.fiches.at(-1)).toMatchObject({ status: 'moved', intitule: first!.denomination.intitule, olderIndex: 0, newerIndex: 113 })
  })

  it('sees a fiche moved to another filière as moved, with the filière as field change', () => {
    const b = structuredClone(avenant)
    const [f] = b.fiches.splice(3, 1)
    const target = b.fiches.findIndex((x) => x.denomination.filiere !== f!.denomination.filiere)
    f!.denomination.filiere = b.fiches[target]!.denomination.filiere
    f!.id = `${f!.id}-deplacee`
    b.fiches.splice(target, 0, f!)
    const cs = diffTextes(avenant, b)
    const moved = cs.fiches.find((x) => x.newerId === f!.id)!
    expect(moved).toMatchObject({ status: 'moved', moved: true })
    expect(moved.sections[0]!.fields.map((x) => x.field)).toEqual(['denomination.filiere'])
  })
})
