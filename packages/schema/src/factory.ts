/**
 * Empty canonical values: the starting point of importers, of a new fiche in
 * the editor, and of tests. Every section exists, even when it holds nothing.
 */
import type { Fiche, Texte } from './model.ts'

export function emptyFiche(id: string, intitule = ''): Fiche {
  return {
    id,
    denomination: { intitule, appellations: [], code: null, filiere: null, sousFamille: null, content: [] },
    objet: { content: [], memesFonctionsQue: null },
    contenu: { groups: [], content: [] },
    classement: {
      categorie: null,
      niveau: null,
      echelon: null,
      degres: [],
      coefficient: null,
      criteres: [],
      paliers: [],
      periodeMaximale: null,
      content: [],
    },
    acces: { items: [], content: [] },
    evolution: { verticale: [], transversale: [], content: [] },
  }
}

export function emptyTexte(title = ''): Texte {
  return {
    schemaVersion: 1,
    title,
    idcc: null,
    family: null,
    preamble: [],
    grid: { levels: [], content: [] },
    fiches: [],
    closing: [],
    remainder: [],
  }
}
