/**
 * Hand-built canonical texts for the unit tests of this package (not
 * exported): a small avenant-like text with filières, coefficients,
 * périodes maximales, activity groups and criteria.
 */
import { emptyFiche, emptyTexte, type Fiche, type RichText, type Texte } from '@paritaire/schema'

export const para = (text: string): RichText[number] => ({ type: 'paragraph', content: [{ text, marks: [] }] })
export const item = (text: string, children: string[] = []) => ({
  content: [{ text, marks: [] as [] }],
  children: children.map((c) => ({ content: [{ text: c, marks: [] as [] }], children: [] })),
})

export function job(id: string, intitule: string, coefficient: number, filiere: string, lines: string[], periode: string | null = null): Fiche {
  const f = emptyFiche(id, intitule)
  f.denomination.filiere = filiere
  f.classement.coefficient = coefficient
  f.classement.periodeMaximale = periode
  f.objet.content = lines.slice(0, 1).map(para)
  f.contenu.groups = [{ titre: 'A - Activités relatives à l’objet du service', items: lines.slice(1).map((l) => item(l)) }]
  return f
}

export function sampleTexte(): Texte {
  const t = emptyTexte('Avenant du 11 mars 2024 à l’accord du 9 décembre 2009')
  t.idcc = '3168'
  t.preamble = [para('Cet accord a pour objet de réduire la période maximale pour le coefficient 150 de 1 an à 6 mois.')]
  t.fiches = [
    job('f1', 'Opérateur vendeur 1er niveau', 155, 'Filière magasin', ['Assure l’accueil de la clientèle en magasin.', 'Conseille le client et procède aux encaissements.', 'Participe à l’entretien du magasin.'], '1 an'),
    job('f2', 'Opérateur vendeur 2e niveau', 165, 'Filière magasin', ['Mêmes fonctions que précédent.', 'Assure en plus le comptage de caisse.', 'Réalise le comptage lors de l’inventaire.']),
    job('f3', 'Responsable magasin 1er échelon', 210, 'Filière magasin', ['Assure la gestion d’un magasin.', 'Anime une équipe de moins de trois salariés permanents.']),
    job('f4', 'Assistant 1er niveau', 155, 'Filière photographie professionnelle', ['Exécute les identités et les prises de vue simples.', 'Travaille sous contrôle hiérarchique.'], '1 an'),
    job('f5', 'Photographe qualifié 3e niveau', 175, 'Filière photographie professionnelle', ['Réalise des prises de vue sociales et techniques d’entreprise.', 'Assure sa postproduction pour présentation au client.']),
    job('f6', 'Infographiste', 195, 'Filière laboratoire', ['Traite et adapte des informations graphiques.', 'Prépare les fichiers pour l’impression.']),
  ]
  t.fiches[1]!.objet.memesFonctionsQue = 'f1'
  t.fiches[3]!.classement.criteres = [{ critere: 'Connaissances', valeur: 3 }, { critere: 'Autonomie', valeur: 2 }]
  t.closing = [para('Fait à Saumur, le 11 mars 2024.')]
  return t
}

export const clone = <T>(v: T): T => structuredClone(v)

/** Give every fiche a new id, as a re-import would, keeping links consistent. */
export function renumber(t: Texte, idOf: (index: number) => string): void {
  const map = new Map(t.fiches.map((f, i) => [f.id, idOf(i)]))
  for (const f of t.fiches) {
    f.id = map.get(f.id)!
    if (f.objet.memesFonctionsQue) f.objet.memesFonctionsQue = map.get(f.objet.memesFonctionsQue) ?? null
  }
}
