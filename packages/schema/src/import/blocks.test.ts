import { describe, expect, it } from 'vitest'
import { blocksToItems, bulletText, linesToBlocks } from './blocks.ts'
import { parseInline } from './inline.ts'
import { ImportContext } from './source.ts'

const blocksOf = (source: string, wrapped: boolean) => {
  const ctx = new ImportContext(source)
  const blocks = linesToBlocks(ctx, ctx.lines, { wrapped })
  return { blocks, unplaced: ctx.unplaced() }
}

describe('parseInline', () => {
  it('turns **bold** into bold marks and drops an unpaired marker', () => {
    expect(parseInline('- **Agent administratif** 4')).toEqual([
      { text: '- ', marks: [] },
      { text: 'Agent administratif', marks: ['bold'] },
      { text: ' 4', marks: [] },
    ])
    expect(parseInline('**CADRE EXPERT**  ')).toEqual([{ text: 'CADRE EXPERT', marks: ['bold'] }])
    expect(parseInline('un ** seul')).toEqual([{ text: 'un seul', marks: [] }])
  })
})

describe('bulletText', () => {
  it('strips bullet markers, including the ". " sub-bullet of family A', () => {
    expect(bulletText('- . Licence, ou certification')).toBe('Licence, ou certification')
    expect(bulletText('• Technicité, complexité')).toBe('Technicité, complexité')
    expect(bulletText('– préparation des commandes ;')).toBe('préparation des commandes ;')
    expect(bulletText('**Gras**')).toBeNull()
    expect(bulletText('155. Opérateur')).toBeNull()
  })
})

describe('linesToBlocks', () => {
  it('nests bullets by indentation and places every line', () => {
    const { blocks, unplaced } = blocksOf('Intro :\n\n- Soit par :\n  - . Licence,\n- Soit par décision.\n', false)
    expect(blocks).toEqual([
      { type: 'paragraph', content: [{ text: 'Intro :', marks: [] }] },
      {
        type: 'bulletList',
        items: [
          { content: [{ text: 'Soit par :', marks: [] }], children: [{ content: [{ text: 'Licence,', marks: [] }], children: [] }] },
          { content: [{ text: 'Soit par décision.', marks: [] }], children: [] },
        ],
      },
    ])
    expect(unplaced).toEqual([])
  })

  it('joins wrapped lines only when asked', () => {
    const source = 'Assure dans sa totalité la direction du magasin et anime une équipe de vente sous la\nresponsabilité du directeur.\nRecrute.\n'
    expect(blocksOf(source, true).blocks).toHaveLength(2)
    expect(blocksOf(source, false).blocks).toHaveLength(3)
  })

  it('makes "■ Heading" lines bold paragraphs and skips furniture', () => {
    const { blocks } = blocksOf(' ■ Liste des conventions :\nIDCC : 3168 | PROFESSIONS DE LA PHOTOGRAPHIE\nTexte.\n', true)
    expect(blocks).toEqual([
      { type: 'paragraph', content: [{ text: 'Liste des conventions :', marks: ['bold'] }] },
      { type: 'paragraph', content: [{ text: 'Texte.', marks: [] }] },
    ])
  })
})

describe('blocksToItems', () => {
  it('hangs a list under the paragraph it follows', () => {
    const { blocks } = blocksOf('Participer :\n- Identifier le besoin\n- Répondre\nContrôler.\n', false)
    const items = blocksToItems(blocks)
    expect(items.map((i) => [i.content[0]?.text, i.children.length])).toEqual([
      ['Participer :', 2],
      ['Contrôler.', 0],
    ])
  })
})
