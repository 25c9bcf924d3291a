import { diffTextes } from '@paritaire/diff'
import { describe, expect, it } from 'vitest'
import { AVENANT_004, corpusSource, importCorpus } from './corpus.ts'

describe('typographic-only edits', () => {
  const source = corpusSource(AVENANT_004)
  // Straight apostrophes, plain spaces for non-breaking ones, unaccented
  // capitals, hyphens for en dashes: what a retyped copy looks like.
  const retyped = source.replaceAll('’', "'").replaceAll('\u00a0', ' ').replaceAll('É', 'E').replaceAll('–', '-')
  const a = importCorpus(AVENANT_004)
  const b = importCorpus(AVENANT_004, retyped)

  it('are shown as minor changes by default', () => {
    const cs = diffTextes(a, b)
    expect(cs.identical).toBe(false)
    const segments = cs.fiches.flatMap((f) => f.sections.flatMap((s) => s.blocks.flatMap((bl) => bl.segments)))
    const changes = segments.filter((s) => s.op !== 'equal')
    expect(changes.length).toBeGreaterThan(0)
    expect(changes.every((s) => s.minor)).toBe(true)
    expect(cs.classementChanges).toEqual([])
  })

  it('vanish with ignoreTypography', () => {
    const cs = diffTextes(a, b, { ignoreTypography: true })
    expect(cs.identical).toBe(true)
    expect(cs.summary.modified).toBe(0)
  })

  it('leave real edits visible beside them', () => {
    const edited = importCorpus(AVENANT_004, retyped.replace('Participe à l\'entretien du magasin.', 'Participe au nettoyage du magasin.'))
    const cs = diffTextes(a, edited, { ignoreTypography: true })
    expect(cs.summary.modified).toBe(1)
    const block = cs.fiches.flatMap((f) => f.sections.flatMap((s) => s.blocks)).find((bl) => bl.status === 'modified')!
    expect(block.segments.filter((s) => s.op !== 'equal').map((s) => `${s.op}:${s.text}`)).toEqual(['del:à l’entretien', 'ins:au nettoyage'])
  })
})
