/**
 * Family C defects of issue 12, on a second union proposal written to show
 * them (test/fixtures/family-c-formateur.txt; the text the issue saw is not
 * in the corpus): the trainer's job whose activities have bold group titles
 * and blank lines between items, « - » placeholders as appellation and
 * diploma, grid cells merged over two rows, raw `<i>` tags, and a table of
 * contents. Each fix leaves a warning where a person should look.
 */
import { describe, expect, it } from 'vitest'
import { importTexte, inlineTextOf } from './import-helpers.ts'
import { readFixture } from './fixtures.ts'

const { texte, family, warnings } = importTexte(readFixture('family-c-formateur.txt'))
const fiche = (id: string) => {
  const found = texte.fiches.find((f) => f.id === id)
  if (!found) throw new Error(`fiche ${id} introuvable`)
  return found
}
const codes = (code: string) => warnings.filter((w) => w.code === code).map((w) => w.line)

describe('family C: the trainer’s job and the other defects of issue 12', () => {
  it('reads bold group titles over activities separated by blank lines as three groups', () => {
    expect(family).toBe('C')
    const formateur = fiche('pedagogie-formateur')
    expect(formateur.contenu.groups.map((g) => [g.titre, g.items.length])).toEqual([
      ['Technicité, complexité et polyvalence', 4],
      ['Responsabilité, autonomie, initiative', 4],
      ["Gestion d'une équipe et conseil", 3],
    ])
    expect(formateur.contenu.groups[0]?.items[1]?.content[0]?.text).toBe('Anime les sessions en présentiel et à distance')
    expect(formateur.contenu.content).toEqual([])
    expect(codes('ACTIVITY_GROUPS_INFERRED')).toEqual([39])
    // The usual layout (• group, nested - items) is unchanged and not warned.
    expect(fiche('administration-assistant-de-formation').contenu.groups.map((g) => [g.titre, g.items.length])).toEqual([
      ['Technicité, complexité et polyvalence', 1],
      ['Responsabilité, autonomie, initiative', 1],
    ])
  })

  it('does not store a « - » placeholder as an appellation or an accès value', () => {
    expect(fiche('pedagogie-formateur').denomination.appellations).toEqual([])
    expect(fiche('administration-assistant-de-formation').acces.items).toEqual([])
    expect(fiche('administration-assistant-de-formation').denomination.appellations).toEqual(['Gestionnaire de formation'])
    expect(codes('PLACEHOLDER_VALUE')).toEqual([69, 96])
  })

  it('carries a category cell merged over several rows down to the rows below', () => {
    expect(texte.grid.levels.map((l) => [l.niveau, l.categorie])).toEqual([
      ['A', 'Employés'],
      ['B', 'Employés'],
      ['C', 'Techniciens'],
      ['D', 'Techniciens'],
      ['E', 'Cadres'],
    ])
    expect(codes('MERGED_CELL_CARRIED')).toEqual([22, 24])
  })

  it('turns <i> tags into italics instead of leaving them in the preamble', () => {
    const intro = texte.preamble.find((b) => inlineTextOf(b).startsWith('Les propositions de'))
    expect(JSON.stringify(texte)).not.toMatch(/<\/?i>/u)
    expect(intro?.type === 'paragraph' && intro.content).toEqual([
      { text: 'Les propositions de ', marks: [] },
      { text: 'Force Ouvrière', marks: ['italic'] },
      { text: " partent d'un constat : la grille de l'accord du ", marks: [] },
      { text: '10 juin 1988', marks: ['italic'] },
      { text: ' ne reconnaît plus les métiers de la formation.', marks: [] },
    ])
    expect(codes('INLINE_MARKUP')).toEqual([16])
  })

  it('keeps each table-of-contents line apart', () => {
    const preamble = texte.preamble.map(inlineTextOf)
    expect(preamble.slice(preamble.indexOf('Sommaire'), preamble.indexOf('Sommaire') + 5)).toEqual([
      'Sommaire',
      '1. Introduction 2',
      '2. La grille proposée 2',
      '3. Les emplois repères 3',
      '4. Nos demandes 4',
    ])
    expect(codes('TABLE_OF_CONTENTS')).toEqual([8])
    expect(texte.remainder).toEqual([])
  })
})
