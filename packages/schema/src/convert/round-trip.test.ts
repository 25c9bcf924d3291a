import { describe, expect, it } from 'vitest'
import { emptyFiche } from '../factory.ts'
import { editorJsonToFiche, ficheToEditorJson } from './editor-json.ts'
import { ficheToMarkdown } from './markdown-write.ts'
import { markdownToFiche } from './markdown-read.ts'
import { fullFiche, randomFiche, seededRandom } from './test-fiches.ts'
import { validateFiche } from '../validate.ts'

describe('canonical → editor JSON → canonical', () => {
  it('is the identity on a fiche using every field', () => {
    const fiche = fullFiche()
    expect(editorJsonToFiche(ficheToEditorJson(fiche), fiche.id)).toEqual(fiche)
  })

  it('is the identity on an empty fiche', () => {
    const fiche = emptyFiche('f0')
    expect(editorJsonToFiche(ficheToEditorJson(fiche), 'f0')).toEqual(fiche)
  })

  it('is the identity on 300 random fiches', () => {
    const random = seededRandom(42)
    for (let i = 0; i < 300; i++) {
      const fiche = randomFiche(random, `f${i}`)
      expect(validateFiche(fiche)).toEqual({ ok: true, value: fiche })
      expect(editorJsonToFiche(ficheToEditorJson(fiche), fiche.id)).toEqual(fiche)
    }
  })
})

describe('canonical → Markdown → canonical', () => {
  it('is the identity on a fiche using every field', () => {
    const fiche = fullFiche()
    expect(markdownToFiche(ficheToMarkdown(fiche))).toEqual(fiche)
  })

  it('is the identity on an empty fiche', () => {
    const fiche = emptyFiche('f0')
    expect(markdownToFiche(ficheToMarkdown(fiche))).toEqual(fiche)
  })

  it('is the identity at another heading level', () => {
    const fiche = fullFiche()
    expect(markdownToFiche(ficheToMarkdown(fiche, { level: 3 }))).toEqual(fiche)
  })

  it('is the identity on 300 random fiches', () => {
    const random = seededRandom(7)
    for (let i = 0; i < 300; i++) {
      const fiche = randomFiche(random, `f${i}`)
      const markdown = ficheToMarkdown(fiche)
      expect(markdownToFiche(markdown), markdown).toEqual(fiche)
    }
  })
})
