/**
 * Random texts built from the marks of every family (headings, job lines,
 * criteria rows, bullets, furniture, odd characters): the importer must
 * always return a valid Texte or throw an ImportError, whatever the family
 * detected or forced, and place every line.
 */
import { describe, expect, it } from 'vitest'
import { texteSchema } from '../model.ts'
import { ImportError } from './errors.ts'
import { importTexte } from './import-texte.ts'

const PIECES = [
  '', '', '', ' Filière magasin', 'Filière', 'Vente', '155. Opérateur vendeur (période maximale de 6 mois)', '000. Zéro',
  '15O. Opérateur', '9999. Très long', 'Mêmes fonctions que précédent.', 'Mêmes compétences que le 320.', 'Production',
  'CHARGE(E) DE FORMALITES', 'Finalité et missions', 'Exigences', "Critères d'exigences\tConnaissances\tLatitude d'action",
  '\t1\t2\t3', '\t1\tx', '\t200\t300', 'Classification niveau IV', 'Niveau de classification 12', '**1/ Dénomination de la qualification :**',
  '### 5/ Classement :', '## TITRE', 'A - Activités :', '- item', '  - . sous-item', '- Verticale :', '  - . chef (fiche Z.C.1)',
  '- Transversale :', 'Voir Panorama', 'Cadre niveau II, sur degré A, B ou C', 'Maîtrise - échelon : 0', 'Analyse selon les critères de classification',
  '• Technicité', 'Autre appellation', ', ; ,', 'Niveau de diplôme d\'accueil', 'Classification', '- Niveau : – Coefficient 0.',
  '- : ', '- Niveau débutant : Employé – Coefficient 99999.', 'Catégorie\tNiveau\tA\tB', 'X\t\t\t', '\t\t\t\t', 'Fait à Paris, le 1er mai.',
  'Brochure n° 1 | Convention collective', '12', 'MINISTÈRE DU TRAVAIL', 'ET DES FAMILLES', 'l’�volution', 'dérou-', 'lement',
  '■', '■ ', '**', '****', '( )', 'Propositions CGT du 1er mai', 'IDCC : 0', 'Avenant du 1er mai', '#', '-', '•', '.', '. x',
]

describe('importer on random texts', () => {
  it('returns valid Textes or ImportErrors, and places every line', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    let imported = 0
    for (let round = 0; round < 300; round++) {
      const count = 1 + Math.floor(random() * 60)
      const source = Array.from({ length: count }, () => PIECES[Math.floor(random() * PIECES.length)]).join('\n')
      const family = (['A', 'B', 'C', 'D', undefined] as const)[Math.floor(random() * 5)]
      try {
        const { texte, warnings } = importTexte(source, family ? { family } : {})
        expect(texteSchema.safeParse(texte).success).toBe(true)
        // Every unplaced line with a word in it is in the remainder (lines of
        // bare markup such as `**` vanish when the remainder is canonicalised).
        const remainder = JSON.stringify(texte.remainder)
        const unplaced = warnings.filter((w) => w.code === 'UNPLACED_LINE')
        expect(texte.remainder.length).toBeLessThanOrEqual(unplaced.length)
        for (const w of unplaced) {
          for (const word of (w.text ?? '').match(/[\p{L}\p{N}]+/gu) ?? []) expect(remainder).toContain(word)
        }
        imported++
      } catch (err) {
        if (!(err instanceof ImportError)) throw new Error(`échec sur :\n${source}\n${String(err)}`)
      }
    }
    expect(imported).toBeGreaterThan(100)
  })
})
