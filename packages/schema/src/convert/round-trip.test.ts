import { describe, expect, it } from 'vitest'
import { emptyFiche } from '../factory.ts'
import { editorJsonToFiche, ficheToEditorJson } from './editor-json.ts'
import { ficheToMarkdown } from './markdown-write.ts'
import { markdownToFiche } from './markdown-read.ts'
import { fullFiche, randomFiche, randomTexte, seededRandom } from './test-fiches.ts'
import { markdownToTexte } from './markdown-texte-read.ts'
import { texteToMarkdown } from './markdown-write.ts'
import { emptyTexte } from '../factory.ts'
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

describe('texte → Markdown → texte', () => {
  it('is the identity on an empty texte and on a texte with every part', () => {
    expect(markdownToTexte(texteToMarkdown(emptyTexte('')))).toEqual(emptyTexte(''))
    const texte = { ...emptyTexte('Avenant n° 3'), idcc: '2148', family: 'D' as const, fiches: [fullFiche(), { ...fullFiche(), id: 'f13' }] }
    texte.preamble = fullFiche().objet.content
    texte.grid = { levels: [{ niveau: 'III', categorie: 'Employé', definition: fullFiche().contenu.content }, { niveau: 'IV', categorie: null, definition: [] }], content: fullFiche().classement.content }
    texte.closing = fullFiche().acces.content
    texte.remainder = fullFiche().evolution.content
    expect(markdownToTexte(texteToMarkdown(texte))).toEqual(texte)
  })

  it('is the identity on 100 random textes', () => {
    const random = seededRandom(23)
    for (let i = 0; i < 100; i++) {
      const texte = randomTexte(random)
      const markdown = texteToMarkdown(texte)
      expect(markdownToTexte(markdown), markdown).toEqual(texte)
    }
  })
})
