import { diffTextes, renderText } from '@paritaire/diff'
import { describe, expect, it } from 'vitest'
import { AVENANT_004, REPERTOIRE_002, importCorpus } from './corpus.ts'

describe('a text against itself', () => {
  it.each([
    [AVENANT_004, 114],
    [REPERTOIRE_002, 51],
  ])('%s yields no change', (file, fiches) => {
    const a = importCorpus(file)
    const b = importCorpus(file)
    const cs = diffTextes(a, b)
    expect(cs.identical).toBe(true)
    expect(cs.summary).toEqual({ added: 0, removed: 0, modified: 0, moved: 0, unchanged: fiches, typographyOnly: 0 })
    expect(cs.classementChanges).toEqual([])
    expect(cs.parts.every((p) => p.status === 'unchanged')).toBe(true)
    expect(renderText(cs)).toContain(`${fiches} fiches inchangées`)
  })
})
