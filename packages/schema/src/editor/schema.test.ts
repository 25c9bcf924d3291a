import { describe, expect, it } from 'vitest'
import { SECTION_NAMES } from '../model.ts'
import { emptyFiche } from '../factory.ts'
import { editorJsonToFiche, ficheToEditorJson } from '../convert/editor-json.ts'
import { fullFiche, randomFiche, seededRandom } from '../convert/test-fiches.ts'
import { ConversionError } from '../convert/errors.ts'
import { getFicheSchema } from './extensions.ts'
import { hasFicheStructure } from './structure.ts'

describe('the ProseMirror schema of a fiche', () => {
  it('requires exactly the six sections in order at the top level', () => {
    const schema = getFicheSchema()
    expect(schema.topNodeType.name).toBe('ficheDoc')
    const empty = schema.topNodeType.createAndFill()!
    expect(hasFicheStructure(empty)).toBe(true)
    const sections = SECTION_NAMES.map((name) => schema.nodes[name]!.createAndFill()!)
    expect(() => schema.topNodeType.create(null, sections.slice(1)).check()).toThrow()
    expect(() => schema.topNodeType.create(null, [sections[1]!, sections[0]!, ...sections.slice(2)]).check()).toThrow()
    expect(() => schema.topNodeType.create(null, [...sections, sections[5]!]).check()).toThrow()
    for (const name of SECTION_NAMES) {
      expect(schema.nodes[name]!.spec.isolating).toBe(true)
      expect(schema.nodes[name]!.spec.defining).toBe(true)
    }
  })

  it('accepts every document the converter produces, and gives it back unchanged', () => {
    const random = seededRandom(5)
    const fiches = [fullFiche(), emptyFiche('f0'), ...Array.from({ length: 150 }, (_, i) => randomFiche(random, `f${i}`))]
    for (const fiche of fiches) {
      const node = getFicheSchema().nodeFromJSON(ficheToEditorJson(fiche))
      node.check()
      expect(editorJsonToFiche(node.toJSON(), fiche.id)).toEqual(fiche)
    }
  })

  it('refuses to convert an editor document that lacks a section', () => {
    const json = ficheToEditorJson(fullFiche())
    json.content!.splice(2, 1)
    expect(() => editorJsonToFiche(json, 'f12')).toThrow(ConversionError)
    try {
      editorJsonToFiche(json, 'f12')
    } catch (error) {
      expect((error as ConversionError).code).toBe('editor.section_missing')
      expect((error as ConversionError).message).toContain('Contenu')
    }
  })
})
