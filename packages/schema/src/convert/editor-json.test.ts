import { describe, expect, it } from 'vitest'
import { SECTION_NAMES } from '../model.ts'
import { ConversionError } from './errors.ts'
import { editorJsonToFiche, ficheToEditorJson } from './editor-json.ts'
import { fullFiche, seededRandom } from './test-fiches.ts'

describe('editorJsonToFiche on damaged documents', () => {
  it('reads what it can from sections with missing or wrong attributes and odd nodes', () => {
    const json = {
      type: 'ficheDoc',
      content: SECTION_NAMES.map((name) => ({ type: name, attrs: name === 'classement' ? { coefficient: '170', criteres: [null, 4, { critere: 'Connaissances', valeur: 3 }], degres: 'A' } : null, content: [null, 7, { type: 'heading', content: [{ type: 'text', text: 'Titre collé', marks: 'bold' }] }] })),
    }
    const fiche = editorJsonToFiche(json as never, 'f1')
    expect(fiche.classement.coefficient).toBe(170)
    expect(fiche.classement.criteres).toEqual([{ critere: 'Connaissances', valeur: 3 }])
    expect(fiche.classement.degres).toEqual([])
    expect(fiche.objet.content).toEqual([{ type: 'paragraph', content: [{ text: 'Titre collé', marks: [] }] }])
  })

  it('throws ConversionError, never a TypeError, on garbage', () => {
    const random = seededRandom(99)
    const garbage = (depth: number): unknown => {
      const r = random()
      if (depth > 3 || r < 0.2) return [null, 1, 'x', true, undefined][Math.floor(random() * 5)]
      if (r < 0.4) return Array.from({ length: Math.floor(random() * 4) }, () => garbage(depth + 1))
      return { type: [...SECTION_NAMES, 'paragraph', 'text', 'bulletList', 'listItem', 'intitule', 7][Math.floor(random() * 11)], attrs: garbage(depth + 1), content: garbage(depth + 1), text: garbage(depth + 1), marks: garbage(depth + 1) }
    }
    for (let i = 0; i < 500; i++) {
      const json = i % 2 ? { type: 'ficheDoc', content: garbage(0) } : garbage(0)
      try {
        editorJsonToFiche(json as never, 'f1')
      } catch (error) {
        expect(error).toBeInstanceOf(ConversionError)
      }
    }
  })

  it('keeps a valid document as it is', () => {
    expect(editorJsonToFiche(ficheToEditorJson(fullFiche()), 'f12')).toEqual(fullFiche())
  })
})
