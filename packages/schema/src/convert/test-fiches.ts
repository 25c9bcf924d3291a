/**
 * Fiches for the schema package's own tests: one hand-made fiche that uses
 * every field and every rich-text feature, and a seeded generator of random
 * canonical fiches for property-style round-trip tests. Not exported from the
 * package: test support only.
 */
import type { Block, Fiche, FicheLink, Inline, ListItem, Mark, Texte } from '../model.ts'
import { normalizeFiche, normalizeRichText, normalizeTexte } from './canonical.ts'

/** A fiche touching every field, with nesting, marks, hard breaks and awkward characters. */
export function fullFiche(): Fiche {
  return normalizeFiche({
    id: 'f12',
    denomination: {
      intitule: 'Opérateur vendeur 1er niveau',
      appellations: ['Téléconseiller', 'Chargé(e) de clientèle ; accueil'],
      code: 'Z.C.II.1',
      filiere: 'Filière « Production »',
      sousFamille: 'Postproduction',
      content: [{ type: 'paragraph', content: [{ text: 'Emploi repère de la branche.', marks: [] }] }],
    },
    objet: {
      content: [
        {
          type: 'paragraph',
          content: [
            { text: 'Assurer ', marks: [] },
            { text: 'la vente', marks: ['bold'] },
            { text: ' des produits ', marks: [] },
            { text: 'photographiques', marks: ['bold', 'italic'] },
            { text: ' et *services* associés\\', marks: ['italic'] },
          ],
        },
        { type: 'paragraph', content: [{ text: 'Mêmes fonctions que précédent.\nDeuxième ligne', marks: [] }] },
      ],
      memesFonctionsQue: 'f11',
    },
    contenu: {
      groups: [
        {
          titre: "A - Activités relatives à l'objet du service",
          items: [
            { content: [{ text: 'accueillir la clientèle', marks: [] }], children: [] },
            {
              content: [{ text: 'conseiller : ', marks: [] }, { text: 'produits', marks: ['bold'] }],
              children: [
                { content: [{ text: '- tirages', marks: [] }], children: [{ content: [{ text: '# albums', marks: [] }], children: [] }] },
                { content: [], children: [] },
              ],
            },
          ],
        },
        { titre: null, items: [{ content: [{ text: 'B - en appui du responsable', marks: ['italic'] }], children: [] }] },
        { titre: 'Groupe vide', items: [] },
      ],
      content: [
        { type: 'paragraph', content: [{ text: 'Les activités sont les suivantes :', marks: [] }] },
        { type: 'bulletList', items: [{ content: [{ text: 'une liste libre', marks: [] }], children: [] }] },
      ],
    },
    classement: {
      categorie: 'Employé',
      niveau: 'III',
      echelon: 23,
      degres: ['A', 'B', 'C'],
      coefficient: 155,
      criteres: [
        { critere: 'Connaissances', valeur: 4 },
        { critere: "Latitude d'action", valeur: 0 },
        { critere: 'Complexité = haute', valeur: 100 },
      ],
      paliers: [
        { palier: 'débutant', niveau: 'Employé niveau 3', coefficient: 170 },
        { palier: 'confirmé', niveau: null, coefficient: 180 },
        { palier: 'expert : senior', niveau: 'Employé niveau 4', coefficient: null },
        { palier: 'stub', niveau: null, coefficient: null },
      ],
      periodeMaximale: '6 mois',
      content: [{ type: 'paragraph', content: [{ text: 'Échelons majorés accessibles : 24 / 25', marks: [] }] }],
    },
    acces: {
      items: [
        { content: [{ text: 'CAP photographe', marks: [] }], children: [] },
        { content: [{ text: "décision directe du chef d'entreprise", marks: ['italic'] }], children: [{ content: [{ text: 'après 2 ans', marks: [] }], children: [] }] },
      ],
      content: [{ type: 'paragraph', content: [{ text: 'Coefficient : ce texte est de la prose, pas un champ.', marks: [] }] }],
    },
    evolution: {
      verticale: [{ label: 'chef de service', code: 'Z.C.III.1', ficheId: 'f20' }],
      transversale: [
        { label: 'Voir Panorama', code: null, ficheId: null },
        { label: 'vendeur | conseil', code: null, ficheId: 'f3' },
      ],
      content: [{ type: 'paragraph', content: [{ text: '  espaces en tête et en fin  ', marks: [] }] }],
    },
  })
}

/** A small deterministic PRNG (mulberry32) so failures reproduce from the seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Characters chosen to stress escaping: Markdown syntax, French typography, spaces, newlines. */
const ALPHABET = [
  ...'abcdeéèàçôÉ ABCxyz0123456789',
  ' ', ' ', ' ', '\u00a0', '’', "'", '«', '»', '–', '…',
  '*', '**', '\\', '-', '#', '<!--', ':', ';', '|', '=', '`', '_', '[', ']', '(', ')', '\t',
  '\n', 'Coefficient : ', '- ', '## ', '1. ',
]

export function randomFiche(random: () => number, id = 'f1'): Fiche {
  const int = (n: number) => Math.floor(random() * n)
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!
  const text = (max = 12, min = 0): string => {
    let s = ''
    const n = min + int(max - min + 1)
    for (let i = 0; i < n; i++) s += pick(ALPHABET)
    return s
  }
  const line = (max = 12, min = 0) => text(max, min).replace(/\n/g, ' ')
  const nullable = (): string | null => (random() < 0.4 ? null : line(8, 1))
  const marks = (): Mark[] => pick<Mark[]>([[], [], ['bold'], ['italic'], ['bold', 'italic']])
  const inlines = (): Inline[] => Array.from({ length: int(4) }, () => ({ text: text(8), marks: marks() }))
  const items = (depth: number): ListItem[] =>
    Array.from({ length: int(depth > 1 ? 2 : 4) }, () => ({ content: inlines(), children: depth < 3 && random() < 0.3 ? items(depth + 1) : [] }))
  const rich = (): Block[] =>
    Array.from({ length: int(4) }, () =>
      random() < 0.6 ? { type: 'paragraph' as const, content: inlines() } : { type: 'bulletList' as const, items: items(0) },
    )
  const link = (): FicheLink => ({ label: line(10, 1), code: nullable(), ficheId: nullable() })
  const count = (n: number) => Array.from({ length: int(n) }, (_, i) => i)
  return normalizeFiche({
    id,
    denomination: {
      intitule: text(20),
      appellations: count(3).map(() => line(10)),
      code: nullable(),
      filiere: nullable(),
      sousFamille: nullable(),
      content: rich(),
    },
    objet: { content: rich(), memesFonctionsQue: nullable() },
    contenu: { groups: count(3).map(() => ({ titre: random() < 0.3 ? null : text(8), items: items(0) })), content: rich() },
    classement: {
      categorie: nullable(),
      niveau: nullable(),
      echelon: random() < 0.5 ? null : 1 + int(40),
      degres: count(3).map(() => line(3)),
      coefficient: random() < 0.5 ? null : 100 + int(400),
      criteres: count(5).map(() => ({ critere: line(12, 1), valeur: int(101) })),
      paliers: count(3).map(() => ({ palier: line(10, 1), niveau: nullable(), coefficient: random() < 0.5 ? null : 1 + int(500) })),
      periodeMaximale: random() < 0.5 ? null : `${1 + int(24)} mois`,
      content: rich(),
    },
    acces: { items: items(0), content: rich() },
    evolution: { verticale: count(3).map(link), transversale: count(3).map(link), content: rich() },
  })
}

/** A random canonical texte: random parts around a few random fiches. */
export function randomTexte(random: () => number): Texte {
  const int = (n: number) => Math.floor(random() * n)
  const fiche = () => randomFiche(random, 'x')
  // Random fiches bring random rich text: reuse their prose for the texte's parts.
  const prose = () => normalizeRichText([...fiche().objet.content, ...fiche().acces.content])
  const line = () => fiche().denomination.code ?? ''
  return normalizeTexte({
    schemaVersion: 1,
    title: fiche().denomination.intitule,
    idcc: random() < 0.5 ? null : String(1000 + int(9000)),
    family: random() < 0.3 ? null : (['A', 'B', 'C', 'D'] as const)[int(4)]!,
    preamble: prose(),
    grid: {
      levels: Array.from({ length: int(4) }, () => ({ niveau: line() || 'II', categorie: random() < 0.5 ? null : line() || null, definition: prose() })),
      content: prose(),
    },
    fiches: Array.from({ length: int(4) }, (_, i) => randomFiche(random, `f${i}`)),
    closing: prose(),
    remainder: prose(),
  })
}
