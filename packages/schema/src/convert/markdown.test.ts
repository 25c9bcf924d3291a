import { describe, expect, it } from 'vitest'
import { emptyFiche } from '../factory.ts'
import { ConversionError } from './errors.ts'
import { markdownToFiche } from './markdown-read.ts'
import { ficheToMarkdown, texteToMarkdown } from './markdown-write.ts'
import { fullFiche } from './test-fiches.ts'
import { emptyTexte } from '../factory.ts'
import { markdownToTexte } from './markdown-texte-read.ts'

function conversionError(run: () => unknown): ConversionError {
  try {
    run()
  } catch (error) {
    if (error instanceof ConversionError) return error
    throw error
  }
  throw new Error('aucune erreur levée')
}

describe('ficheToMarkdown', () => {
  it('writes the dialect documented in docs/schema.md', () => {
    const markdown = ficheToMarkdown(fullFiche())
    expect(markdown.startsWith('# Opérateur vendeur 1er niveau\n<!-- fiche: f12 -->\n\n## Dénomination\n')).toBe(true)
    expect(markdown).toContain('\nAppellations : Téléconseiller ; Chargé(e) de clientèle \\; accueil\n')
    expect(markdown).toContain('\nCoefficient : 155\nCritères :\n- Connaissances : 4\n')
    expect(markdown).toContain('\n- débutant : Employé niveau 3 ; coefficient 170\n- confirmé ; coefficient 180\n')
    expect(markdown).toContain('\n- chef de service | code Z.C.III.1 | fiche f20\n')
    expect(markdown).toContain('Assurer **la vente** des produits ***photographiques** et \\*services\\* associés\\\\*\n')
    expect(markdown).toContain('Mêmes fonctions que précédent.\\\nDeuxième ligne')
    expect(markdown).toContain('\n\\Coefficient : ce texte est de la prose, pas un champ.\n')
    expect(markdown).toContain('\n### A - Activités relatives à l\'objet du service\n- accueillir la clientèle\n- conseiller : **produits**\n  - \\- tirages\n    - \\# albums\n  -\n')
  })
})

describe('markdownToFiche on hand-written Markdown', () => {
  it('reads loose headings, soft line breaks and missing sections', () => {
    const fiche = markdownToFiche(
      [
        '# Vendeur',
        '',
        '## denomination',
        'Code: V1',
        '',
        '## OBJET',
        '',
        'Vendre les produits',
        'de la boutique.',
        '',
        '## Classement',
        '',
        'Coefficient : 170',
        'Période maximale : 6 mois',
        '',
        '## Modes d\'acces',
        '',
        'Modes d\'accès :',
        '- CAP',
        '  - ou expérience',
      ].join('\r\n'),
      'f7',
    )
    const expected = emptyFiche('f7', 'Vendeur')
    expected.denomination.code = 'V1'
    expected.objet.content = [{ type: 'paragraph', content: [{ text: 'Vendre les produits de la boutique.', marks: [] }] }]
    expected.classement.coefficient = 170
    expected.classement.periodeMaximale = '6 mois'
    expected.acces.items = [{ content: [{ text: 'CAP', marks: [] }], children: [{ content: [{ text: 'ou expérience', marks: [] }], children: [] }] }]
    expect(fiche).toEqual(expected)
  })

  it('takes the id from the argument over the comment', () => {
    expect(markdownToFiche(ficheToMarkdown(emptyFiche('f1', 'A')), 'f9').id).toBe('f9')
  })
})

describe('markdownToFiche errors', () => {
  const base = ficheToMarkdown(fullFiche())

  it.each([
    ['no title', 'Texte sans titre', 'markdown.title_missing', 1],
    ['no id', '# Vendeur\n\n## Objet\n\nTexte.\n', 'markdown.id_missing', 1],
    ['an unknown section', '# V\n<!-- fiche: f1 -->\n\n## Rémunération\n', 'markdown.unknown_section', 4],
    ['sections out of order', '# V\n<!-- fiche: f1 -->\n\n## Classement\n\n## Objet\n', 'markdown.section_order', 6],
    ['a second fiche', '# V\n<!-- fiche: f1 -->\n\n## Objet\n\n# W\n', 'markdown.second_fiche', 6],
    ['text before the sections', '# V\n<!-- fiche: f1 -->\n\nPerdu ?\n', 'markdown.outside_section', 4],
    ['a coefficient that is not a number', '# V\n<!-- fiche: f1 -->\n\n## Classement\n\nCoefficient : cent\n', 'markdown.invalid_number', 6],
    ['a critère without value', '# V\n<!-- fiche: f1 -->\n\n## Classement\n\nCritères :\n- Connaissances\n', 'markdown.invalid_critere', 7],
    ['a bad palier', '# V\n<!-- fiche: f1 -->\n\n## Classement\n\nPaliers :\n- débutant ; indice 3\n', 'markdown.invalid_palier', 7],
    ['a bad link', '# V\n<!-- fiche: f1 -->\n\n## Possibilités d\'évolution\n\nVerticale :\n- chef | page 3\n', 'markdown.invalid_link', 7],
    ['a field twice', '# V\n<!-- fiche: f1 -->\n\n## Dénomination\n\nCode : A\nCode : B\n', 'markdown.duplicate_field', 7],
    ['prose under a group', '# V\n<!-- fiche: f1 -->\n\n## Contenu\n\n### A\nUne phrase.\n', 'markdown.group_content', 7],
    ['a heading in a section', '# V\n<!-- fiche: f1 -->\n\n## Objet\n\n### Sous-titre\n', 'markdown.unexpected_heading', 6],
  ])('reports %s with its code and line', (_, markdown, code, line) => {
    const error = conversionError(() => markdownToFiche(markdown))
    expect(error.code).toBe(code)
    expect(error.line).toBe(line)
    expect(error.message).toMatch(/^Ligne \d+ : /)
  })

  it('reports a value out of range with the validation code', () => {
    const error = conversionError(() => markdownToFiche(base.replace('- Connaissances : 4', '- Connaissances : 400')))
    expect(error.code).toBe('fiche.classement.criteres.valeur.too_big')
    expect(error.message).toContain('entre 0 et 100')
  })

  it('never throws anything but ConversionError on garbage', () => {
    for (const garbage of ['', '\u0000\u0001', '#', '# \n<!-- fiche: -->', '***', '- - -', base.slice(0, 200), base.replace(/\n/g, '\n\n')]) {
      try {
        markdownToFiche(garbage)
      } catch (error) {
        expect(error).toBeInstanceOf(ConversionError)
      }
    }
  })
})

describe('texteToMarkdown', () => {
  it('writes the parts of the texte and each fiche one level down', () => {
    const texte = { ...emptyTexte('Avenant du 11 mars 2024'), idcc: '2148', fiches: [fullFiche(), emptyFiche('f2', 'Vendeur')] }
    texte.preamble = [{ type: 'paragraph', content: [{ text: 'Le présent avenant annule et remplace…', marks: [] }] }]
    texte.grid.levels = [{ niveau: 'III', categorie: 'Employé', definition: [{ type: 'paragraph', content: [{ text: 'Exécution qualifiée.', marks: [] }] }] }]
    texte.closing = [{ type: 'paragraph', content: [{ text: 'Fait à Saumur, le 11 mars 2024.', marks: [] }] }]
    const markdown = texteToMarkdown(texte)
    expect(markdown).toContain('# Avenant du 11 mars 2024\n\nIDCC : 2148\n\n## Préambule\n\nLe présent avenant annule et remplace…\n')
    expect(markdown).toContain('## Grille de classification\n\n### III\nCatégorie : Employé\n\nExécution qualifiée.\n')
    expect(markdown).toContain('\n## Opérateur vendeur 1er niveau\n<!-- fiche: f12 -->\n\n### Dénomination\n')
    expect(markdown).toContain('\n## Vendeur\n<!-- fiche: f2 -->\n')
    expect(markdown.trimEnd().endsWith('## Clôture\n\nFait à Saumur, le 11 mars 2024.')).toBe(true)
  })
})

describe('markdownToTexte errors', () => {
  it.each([
    ['no title', 'Préambule', 'markdown.title_missing'],
    ['an unknown part', '# T\n\n## Annexes\n\nTexte.\n', 'markdown.unknown_part'],
    ['a part twice', '# T\n\n## Préambule\n\nA\n\n## Préambule\n\nB\n', 'markdown.duplicate_part'],
    ['loose text before the parts', '# T\n\nEntre les soussignés\n', 'markdown.outside_section'],
    ['a sub-heading in the preamble', '# T\n\n## Préambule\n\n### Article 1\n', 'markdown.unexpected_heading'],
    ['two fiches with one id', '# T\n\n## A\n<!-- fiche: f1 -->\n\n## B\n<!-- fiche: f1 -->\n', 'texte.fiches.id.duplicate'],
  ])('reports %s', (_, markdown, code) => {
    expect(conversionError(() => markdownToTexte(markdown)).code).toBe(code)
  })
})
