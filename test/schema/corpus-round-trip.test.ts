/**
 * Round trips on the real texts: every corpus file (and the family C
 * sample) is imported with importTexte, then every fiche goes canonical →
 * editor JSON → canonical, canonical → Markdown → canonical and canonical →
 * Y.Doc → canonical, each of which must be the identity; so must the whole
 * texte → Markdown → texte.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  editorJsonToFiche,
  ficheToEditorJson,
  ficheToMarkdown,
  ficheToPlainText,
  ficheToYDoc,
  getFicheSchema,
  importTexte,
  markdownToFiche,
  markdownToTexte,
  texteToMarkdown,
  texteToPlainText,
  validateTexte,
  yDocToFiche,
  type Texte,
} from '@paritaire/schema'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures')
const SOURCES = [
  ...readdirSync(join(FIXTURES, 'corpus'))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => join('corpus', name)),
  'family-c-proposition.txt',
]

function canonicalTexte(source: string): Texte {
  const { texte } = importTexte(readFileSync(join(FIXTURES, source), 'utf8'), { fileName: source })
  const result = validateTexte(texte)
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'))
  return result.value
}

describe.each(SOURCES)('round trips on %s', (source) => {
  const texte = canonicalTexte(source)

  it('has fiches to test', () => {
    expect(texte.fiches.length).toBeGreaterThan(0)
  })

  it('canonical → editor JSON → canonical is the identity for every fiche', () => {
    for (const fiche of texte.fiches) {
      const node = getFicheSchema().nodeFromJSON(ficheToEditorJson(fiche))
      node.check()
      expect(editorJsonToFiche(node.toJSON(), fiche.id)).toEqual(fiche)
    }
  })

  it('canonical → Markdown → canonical is the identity for every fiche', () => {
    for (const fiche of texte.fiches) expect(markdownToFiche(ficheToMarkdown(fiche))).toEqual(fiche)
  })

  it('canonical → Y.Doc → canonical is the identity for every fiche', () => {
    for (const fiche of texte.fiches) expect(yDocToFiche(ficheToYDoc(fiche), fiche.id)).toEqual(fiche)
  })

  it('texte → Markdown → texte is the identity', () => {
    expect(markdownToTexte(texteToMarkdown(texte))).toEqual(texte)
  })

  it('the Markdown and plain text of the whole texte show every fiche', () => {
    const markdown = texteToMarkdown(texte)
    const plain = texteToPlainText(texte)
    for (const fiche of texte.fiches) {
      expect(markdown).toContain(`<!-- fiche: ${fiche.id} -->`)
      expect(plain).toContain(ficheToPlainText(fiche).trimEnd())
    }
  })
})
