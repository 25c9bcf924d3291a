import { describe, expect, it } from 'vitest'
import { emptyFiche, emptyTexte } from '../factory.ts'
import { ficheToPlainText, texteToPlainText } from './plain-text.ts'
import { fullFiche } from './test-fiches.ts'

describe('ficheToPlainText', () => {
  it('writes the intitulé, then the six sections with their fields and prose, without markup', () => {
    const text = ficheToPlainText(fullFiche())
    expect(text.startsWith('Opérateur vendeur 1er niveau\n\nDÉNOMINATION\n\nAppellations : Téléconseiller, Chargé(e) de clientèle ; accueil\nCode : Z.C.II.1\n')).toBe(true)
    expect(text).toContain('\n\nOBJET / FINALITÉ\n\nMêmes fonctions que : f11\n\nAssurer la vente des produits photographiques et *services* associés\\\n')
    expect(text).toContain('A - Activités relatives à l\'objet du service\n- accueillir la clientèle\n- conseiller : produits\n  - - tirages\n    - # albums\n')
    expect(text).toContain('Coefficient : 155\nCritères : Connaissances 4, Latitude d\'action 0, Complexité = haute 100\nPaliers :\n- débutant : Employé niveau 3, coefficient 170\n')
    expect(text).toContain("POSSIBILITÉS D'ÉVOLUTION\n\nVerticale :\n- chef de service (Z.C.III.1)\nTransversale :\n- Voir Panorama\n")
    expect(text).not.toMatch(/\*\*|<!--/)
  })

  it('keeps every section label of an empty fiche', () => {
    expect(ficheToPlainText(emptyFiche('f1', 'Vendeur'))).toBe(
      "Vendeur\n\nDÉNOMINATION\n\nOBJET / FINALITÉ\n\nCONTENU / MISSIONS / ACTIVITÉS\n\nCLASSEMENT\n\nMODES D'ACCÈS / EXIGENCES\n\nPOSSIBILITÉS D'ÉVOLUTION\n",
    )
  })
})

describe('texteToPlainText', () => {
  it('writes title, preamble, grid, fiches and closing in order', () => {
    const texte = { ...emptyTexte('Accord du 9 décembre 2009'), fiches: [emptyFiche('f1', 'Vendeur'), emptyFiche('f2', 'Opérateur')] }
    texte.preamble = [{ type: 'paragraph', content: [{ text: 'Entre les soussignés', marks: [] }] }]
    texte.grid.levels = [{ niveau: 'II', categorie: null, definition: [] }]
    texte.closing = [{ type: 'paragraph', content: [{ text: 'Fait à Saumur', marks: [] }] }]
    const text = texteToPlainText(texte)
    const order = ['Accord du 9 décembre 2009', 'Entre les soussignés', 'GRILLE DE CLASSIFICATION', 'Niveau II', 'Vendeur', 'Opérateur', 'Fait à Saumur']
    const positions = order.map((s) => text.indexOf(s))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })
})
