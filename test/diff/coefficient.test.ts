import { diffTextes, renderInlineHtml } from '@paritaire/diff'
import { describe, expect, it } from 'vitest'
import { AVENANT_004, corpusSource, importCorpus } from './corpus.ts'

describe('a coefficient change', () => {
  it('appears in the summary and the classement changes, even when it renames the imported fiche', () => {
    // The importer's ids include the coefficient: the fiche must be matched by filière and title.
    const source = corpusSource(AVENANT_004)
    expect(source).toContain('205. Adjoint au responsable des ventes')
    const newer = importCorpus(AVENANT_004, source.replace('205. Adjoint au responsable des ventes', '215. Adjoint au responsable des ventes'))
    const older = importCorpus(AVENANT_004)
    const cs = diffTextes(older, newer)
    expect(cs.summary).toEqual({ added: 0, removed: 0, modified: 1, moved: 0, unchanged: 113, typographyOnly: 0 })
    expect(cs.classementChanges).toMatchObject([{ intitule: 'Adjoint au responsable des ventes', field: 'coefficient', old: 205, new: 215 }])
    const fiche = cs.fiches.find((f) => f.status === 'modified')!
    expect(fiche.olderId).not.toBe(fiche.newerId)
    expect(fiche.match).toBe('key')
    const html = renderInlineHtml(cs)
    expect(html).toContain('Adjoint au responsable des ventes')
    expect(html).toMatch(/Coefficient : <del class="pt-del">205<\/del> → <ins class="pt-ins">215<\/ins>/)
  })
})
