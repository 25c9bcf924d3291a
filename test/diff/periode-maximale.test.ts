import { diffTextes } from '@paritaire/diff'
import { describe, expect, it } from 'vitest'
import { AVENANT_004, corpusSource, importCorpus } from './corpus.ts'

/**
 * The avenant of 2024 reduced the période maximale of the entry coefficients
 * from one year to six months: the diff of the 2009 wording against it must
 * show exactly those field changes, in those fiches, and nothing else.
 */
describe('004 against a copy with other périodes maximales', () => {
  const avenant = importCorpus(AVENANT_004)
  const withPeriode = avenant.fiches.filter((f) => f.classement.periodeMaximale !== null)

  it('shows exactly the période maximale changes, canonical copy', () => {
    const older = structuredClone(avenant)
    for (const f of older.fiches) if (f.classement.periodeMaximale !== null) f.classement.periodeMaximale = '1 an'
    const cs = diffTextes(older, avenant)
    expect(withPeriode.length).toBe(8)
    expect(cs.summary).toEqual({ added: 0, removed: 0, modified: 8, moved: 0, unchanged: 106, typographyOnly: 0 })
    expect(cs.classementChanges).toEqual(
      withPeriode.map((f) => ({ ficheId: f.id, intitule: f.denomination.intitule, field: 'periodeMaximale', old: '1 an', new: '6 mois' })),
    )
    for (const fc of cs.fiches.filter((f) => f.status === 'modified')) {
      const changed = fc.sections.filter((s) => s.status !== 'unchanged')
      expect(changed.map((s) => s.section)).toEqual(['classement'])
      expect(changed[0]!.fields.map((f) => f.field)).toEqual(['classement.periodeMaximale'])
    }
  })

  it('shows the same changes between two imported wordings', () => {
    const source2009 = corpusSource(AVENANT_004).replace(/\(période maximale de\s+6\s+mois\)/g, '(période maximale de 1 an)')
    const cs = diffTextes(importCorpus(AVENANT_004, source2009), avenant)
    expect(cs.summary.modified).toBe(8)
    expect(cs.summary.unchanged).toBe(106)
    expect(cs.classementChanges.map((c) => [c.intitule, c.field, c.old, c.new])).toEqual(
      withPeriode.map((f) => [f.denomination.intitule, 'periodeMaximale', '1 an', '6 mois']),
    )
  })
})
