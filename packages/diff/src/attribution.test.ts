import { describe, expect, it } from 'vitest'
import { attributeChanges } from './attribution.ts'
import { clone, para, sampleTexte } from './test-fixtures.ts'

describe('attributeChanges', () => {
  it('attributes each final change to the organisation whose version introduced it', () => {
    const v0 = sampleTexte()
    const v1 = clone(v0) // CGT: période maximale and a new objet wording
    v1.fiches[0]!.classement.periodeMaximale = '6 mois'
    v1.fiches[4]!.objet.content = [para('Réalise des prises de vue sociales, techniques et industrielles.')]
    const v2 = clone(v1) // FNP: a coefficient, and removes a fiche
    v2.fiches[2]!.classement.coefficient = 215
    v2.fiches.splice(5, 1)
    const v3 = clone(v2) // CFDT: changes the coefficient again, closing wording
    v3.fiches[2]!.classement.coefficient = 220
    v3.closing = [para('Fait à Paris, le 11 mars 2024.')]
    const cs = attributeChanges([
      { meta: { organisation: 'Base', date: '2024-01-01' }, texte: v0 },
      { meta: { organisation: 'CGT', date: '2024-02-01' }, texte: v1 },
      { meta: { organisation: 'FNP', date: '2024-02-15' }, texte: v2 },
      { meta: { organisation: 'CFDT', date: '2024-03-01' }, texte: v3 },
    ])
    const byField = Object.fromEntries(cs.classementChanges.map((c) => [c.field, c.author?.organisation]))
    expect(byField).toEqual({ periodeMaximale: 'CGT', coefficient: 'CFDT' })
    const coef = cs.fiches[2]!.sections.find((s) => s.section === 'classement')!.fields[0]!
    expect(coef).toMatchObject({ old: 210, new: 220, contributors: ['FNP', 'CFDT'] })
    const objet = cs.fiches[4]!.sections.find((s) => s.section === 'objet')!.blocks.find((b) => b.status !== 'equal')!
    expect(objet.author?.organisation).toBe('CGT')
    expect(cs.fiches.find((f) => f.status === 'removed')!.author).toEqual({ organisation: 'FNP', date: '2024-02-15' })
    expect(cs.parts.find((p) => p.part === 'closing')!.blocks.every((b) => b.author?.organisation === 'CFDT')).toBe(true)
  })

  it('refuses a chain of fewer than two versions', () => {
    expect(() => attributeChanges([{ meta: { organisation: 'CGT', date: null }, texte: sampleTexte() }])).toThrow(/deux versions/)
  })
})
