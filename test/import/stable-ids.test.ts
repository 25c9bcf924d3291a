/**
 * Fiche ids are stable: re-importing a text gives the same ids and the same
 * JSON, and edits that do not touch what identifies a job (its description,
 * spacing, page furniture) leave every id unchanged.
 */
import { describe, expect, it } from 'vitest'
import { importTexte } from './import-helpers.ts'
import { CORPUS, readFixture } from './fixtures.ts'

describe('stable fiche ids', () => {
  for (const [name, file] of Object.entries(CORPUS)) {
    it(`${name}: same text, same JSON; unique ids`, () => {
      const source = readFixture(file)
      const first = importTexte(source).texte
      expect(JSON.stringify(importTexte(source).texte)).toBe(JSON.stringify(first))
      const ids = first.fiches.map((f) => f.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.every((id) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toBe(true)
    })
  }

  it('D: a changed description, extra spaces and a page number keep every id', () => {
    const source = readFixture(CORPUS.D)
    const edited = source
      .replace('Participe à l’entretien du magasin.', 'Participe à l’entretien et à la décoration du magasin.')
      .replace('165. Opérateur vendeur 2e\u00A0niveau', '165.  Opérateur vendeur  2e niveau')
      .replace('\n175. Opérateur vendeur 3e', '\n\n7\n\n175. Opérateur vendeur 3e')
    const before = importTexte(source).texte.fiches.map((f) => f.id)
    const after = importTexte(edited).texte
    expect(after.fiches.map((f) => f.id)).toEqual(before)
    expect(JSON.stringify(after.fiches[0])).toContain('la décoration du magasin')
  })

  it('B: a fiche moved elsewhere keeps its id', () => {
    const source = readFixture(CORPUS.B)
    const start = source.indexOf('JURISTE\n')
    const end = source.indexOf('AUDITEUR(TRICE) INTERNE\n')
    const juriste = source.slice(start, end)
    const moved = source.slice(0, start) + source.slice(end) + '\n' + juriste
    const ids = importTexte(moved).texte.fiches.map((f) => f.id)
    expect(ids[ids.length - 1]).toBe('juriste')
    expect([...ids].sort()).toEqual(importTexte(source).texte.fiches.map((f) => f.id).sort())
  })
})
