import { diffTextes, renderTableauHtml, renderText, summaryLines } from '@paritaire/diff'
import { describe, expect, it } from 'vitest'
import { accord2009, accord2009Edited, avenant2024, retyped2024 } from './pairs.ts'

/** Fiches whose canonical JSON differs: what the diff must count, found without the diff. */
const differing = (a: ReturnType<typeof avenant2024>, b: ReturnType<typeof avenant2024>): string[] =>
  b.fiches.filter((f, i) => JSON.stringify(f) !== JSON.stringify(a.fiches[i])).map((f) => f.id)

describe('typography out of the way (2009 / 2024 pair built from 004)', () => {
  const newer = avenant2024()

  it('counts the fiches that differ only by apostrophes and capital accents', () => {
    const older = retyped2024()
    const expected = differing(older, newer)
    expect(expected.length).toBeGreaterThan(20)
    const cs = diffTextes(older, newer)
    expect(cs.summary.modified).toBe(expected.length)
    expect(cs.summary.typographyOnly).toBe(expected.length)
    expect(summaryLines(cs)[2]).toBe(`${expected.length} fiches modifiées, dont ${expected.length} pour la typographie seulement`)
  })

  it('tells typography from substance on the 2009 text: périodes, a coefficient, a reworded sentence', () => {
    const { older, substantive } = accord2009Edited()
    const periode = new Set(newer.fiches.filter((f) => f.classement.periodeMaximale === '6 mois').map((f) => f.id))
    const changed = differing(older, newer)
    const substance = new Set([...periode, ...substantive])
    const cs = diffTextes(older, newer)
    expect(cs.summary.modified).toBe(changed.length)
    expect(cs.summary.typographyOnly).toBe(changed.filter((id) => !substance.has(id)).length)
    expect(cs.fiches.filter((f) => f.status === 'modified' && !f.typographyOnly).map((f) => f.newerId).sort()).toEqual([...substance].sort())
  })

  it('folds typography-only fiches into one line, and marks minor changes apart in text', () => {
    const { older } = accord2009Edited()
    const cs = diffTextes(older, newer)
    const folded = renderText(cs, { foldTypography: true })
    expect(folded).toMatch(new RegExp(`${cs.summary.typographyOnly} fiches ne diffèrent que par la typographie`))
    expect((folded.match(/^FICHE MODIFIÉE/gm) ?? []).length).toBe(cs.summary.modified - cs.summary.typographyOnly)
    const full = renderText(cs)
    expect(full).toContain("l[~'~]{~’~}")
    expect(full).toContain('[-200-]')
    const table = renderTableauHtml(cs, { foldTypography: true })
    expect(table).toContain('pt-typography-fold')
    expect((table.match(/class="pt-fiche-row pt-fiche-modified"/g) ?? []).length).toBe(cs.summary.modified - cs.summary.typographyOnly)
  })

  it('prints the old wording as written in « Rédaction actuelle » when typography is ignored', () => {
    const { older } = accord2009Edited()
    const cs = diffTextes(older, newer, { ignoreTypography: true })
    expect(cs.summary.typographyOnly).toBe(0)
    const table = renderTableauHtml(cs)
    const oldCells = [...table.matchAll(/<td class="pt-old">([\s\S]*?)<\/td>/g)].map((m) => m[1]).join('')
    const newCells = [...table.matchAll(/<td class="pt-new">([\s\S]*?)<\/td>/g)].map((m) => m[1]).join('')
    expect(oldCells).toContain('l&#39;accueil')
    expect(oldCells).not.toContain('l’')
    expect(newCells).toContain('l’accueil')
  })

  it('the README 2009 text differs from 2024 by its périodes only', () => {
    const cs = diffTextes(accord2009(), newer)
    expect(cs.summary).toMatchObject({ modified: 8, typographyOnly: 0 })
  })
})
