/**
 * Diff of one pair of fiches, section by section in their fixed order:
 * structured fields as field changes, prose and lists as aligned blocks
 * with word-level redlines. An added or removed fiche is diffed against an
 * empty fiche, so it comes out in the same shape, all inserted or deleted.
 */
import { SECTION_LABELS, SECTION_NAMES, emptyFiche, type Fiche, type FicheLink, type SectionName } from '@paritaire/schema'
import type { Author, BlockChange, FieldChange, SectionChange } from './change-set.ts'
import { typographyKey } from './typography.ts'
import { diffUnits } from './blocks-diff.ts'
import { FieldCollector, nameKey } from './fields.ts'
import { groupUnits, itemUnits, richTextUnits, type Unit } from './units.ts'
import type { DiffContext } from './word-diff.ts'

/** How fiche ids of one side map to the other, for "mêmes fonctions que" links. */
export interface FicheRefs {
  oldTitle(id: string): string | null
  newTitle(id: string): string | null
  /** The newer id of the fiche an older id was matched with. */
  mapOldId(id: string): string | null
}

export const directRefs: FicheRefs = { oldTitle: () => null, newTitle: () => null, mapOldId: (id) => id }

export interface FicheContentDiff {
  sections: SectionChange[]
  /** Any change besides the filière / sous-famille (which is a move). */
  contentChanged: boolean
  filiereChanged: boolean
}

export const EMPTY_FICHE: Fiche = emptyFiche('∅')

export function diffFicheContent(older: Fiche, newer: Fiche, ctx: DiffContext, refs: FicheRefs = directRefs, author?: Author): FicheContentDiff {
  const sections: SectionChange[] = []
  let contentChanged = false
  let filiereChanged = false
  for (const name of SECTION_NAMES) {
    const fields = new FieldCollector(ctx, author)
    collectSection(name, older, newer, fields, refs)
    const oldUnits = sectionUnits(name, older)
    const newUnits = sectionUnits(name, newer)
    const { blocks, changed } = diffUnits(oldUnits, newUnits, ctx, author)
    const changes = fields.changes
    for (const f of changes) {
      if (f.field === 'denomination.filiere' || f.field === 'denomination.sousFamille') filiereChanged = true
      else contentChanged = true
    }
    if (changed) contentChanged = true
    const status =
      changes.length === 0 && !changed
        ? 'unchanged'
        : oldUnits.length === 0 && !hasFields(name, older)
          ? 'added'
          : newUnits.length === 0 && !hasFields(name, newer)
            ? 'removed'
            : 'modified'
    sections.push({ section: name, label: SECTION_LABELS[name], status, fields: changes, blocks })
  }
  markCrossSectionMoves(sections)
  return { sections, contentChanged, filiereChanged }
}

/**
 * A paragraph or item removed from one section and added, unchanged, to
 * another is a move, not a deletion here and an insertion there: both
 * blocks become `moved` with `from`/`to` naming the sections. Their
 * segments stay as they are (deleted at the old place, inserted at the new
 * one), so that each side of the redline still reads as its text.
 */
function markCrossSectionMoves(sections: SectionChange[]): void {
  const removed = new Map<string, { block: BlockChange; section: SectionChange }[]>()
  for (const s of sections) {
    for (const b of s.blocks) {
      if (b.status !== 'removed' || b.kind === 'groupTitle') continue
      const key = typographyKey(b.segments.map((g) => g.text).join('')).trim()
      if (key.length < 12) continue
      removed.set(key, [...(removed.get(key) ?? []), { block: b, section: s }])
    }
  }
  if (removed.size === 0) return
  for (const s of sections) {
    for (const b of s.blocks) {
      if (b.status !== 'added' || b.kind === 'groupTitle') continue
      const key = typographyKey(b.segments.map((g) => g.text).join('')).trim()
      const candidates = removed.get(key)
      const match = candidates?.findIndex((c) => c.section !== s) ?? -1
      if (!candidates || match < 0) continue
      const [{ block: old, section: from }] = candidates.splice(match, 1) as [{ block: BlockChange; section: SectionChange }]
      for (const x of [old, b]) {
        x.status = 'moved'
        x.from = from.label
        x.to = s.label
      }
    }
  }
}

/** The units of one section of a fiche, as the diff aligns them. */
export function sectionUnits(name: SectionName, f: Fiche): Unit[] {
  switch (name) {
    case 'denomination':
      return richTextUnits(f.denomination.content)
    case 'objet':
      return richTextUnits(f.objet.content)
    case 'contenu':
      return [...groupUnits(f.contenu.groups), ...richTextUnits(f.contenu.content, null, 'texte')]
    case 'classement':
      return richTextUnits(f.classement.content)
    case 'acces':
      return [...itemUnits(f.acces.items), ...richTextUnits(f.acces.content, null, 'texte')]
    case 'evolution':
      return richTextUnits(f.evolution.content)
  }
}

function hasFields(name: SectionName, f: Fiche): boolean {
  const c = f.classement
  switch (name) {
    case 'denomination':
      return f.denomination.intitule !== '' || f.denomination.appellations.length > 0 || f.denomination.code !== null
    case 'objet':
      return f.objet.memesFonctionsQue !== null
    case 'classement':
      return c.categorie !== null || c.niveau !== null || c.echelon !== null || c.coefficient !== null ||
        c.degres.length > 0 || c.criteres.length > 0 || c.paliers.length > 0 || c.periodeMaximale !== null
    case 'evolution':
      return f.evolution.verticale.length > 0 || f.evolution.transversale.length > 0
    default:
      return false
  }
}

const linkSpec = {
  keyOf: (l: FicheLink) => (l.code ? `code:${nameKey(l.code)}` : `titre:${nameKey(l.label)}`),
  nameOf: (l: FicheLink) => l.code ?? l.label,
  show: (l: FicheLink) => (l.code ? `${l.label} (${l.code})` : l.label),
  same: (a: FicheLink, b: FicheLink) => a.label === b.label && a.code === b.code,
}

function collectSection(name: SectionName, o: Fiche, n: Fiche, f: FieldCollector, refs: FicheRefs): void {
  switch (name) {
    case 'denomination': {
      const a = o.denomination
      const b = n.denomination
      f.scalar('denomination.intitule', 'Intitulé', a.intitule, b.intitule)
      f.names('denomination.appellations', 'Autres appellations', a.appellations, b.appellations)
      f.scalar('denomination.code', 'Code', a.code, b.code)
      f.scalar('denomination.filiere', 'Filière', a.filiere, b.filiere)
      f.scalar('denomination.sousFamille', 'Sous-famille', a.sousFamille, b.sousFamille)
      return
    }
    case 'objet': {
      const a = o.objet.memesFonctionsQue
      const b = n.objet.memesFonctionsQue
      const mapped = a === null ? null : refs.mapOldId(a)
      if (mapped !== b) {
        const show = (id: string | null, title: (id: string) => string | null): string | null =>
          id === null ? null : title(id) ?? id
        f.scalar('objet.memesFonctionsQue', 'Mêmes fonctions que', show(a, refs.oldTitle), show(b, refs.newTitle))
        // Both titles may read the same while the link points elsewhere:
        // keep the change visible with the ids.
        const last = f.changes[f.changes.length - 1]
        if (!last || last.field !== 'objet.memesFonctionsQue') {
          f.scalar('objet.memesFonctionsQue', 'Mêmes fonctions que', a, b)
        }
      }
      return
    }
    case 'classement': {
      const a = o.classement
      const b = n.classement
      f.scalar('classement.categorie', 'Catégorie', a.categorie, b.categorie)
      f.scalar('classement.niveau', 'Niveau', a.niveau, b.niveau)
      f.scalar('classement.echelon', 'Échelon', a.echelon, b.echelon)
      f.names('classement.degres', 'Degrés', a.degres, b.degres)
      f.scalar('classement.coefficient', 'Coefficient', a.coefficient, b.coefficient)
      f.keyed('classement.criteres', 'Critère classant', a.criteres, b.criteres, {
        keyOf: (c) => nameKey(c.critere),
        nameOf: (c) => c.critere,
        show: (c) => c.valeur,
        same: (x, y) => x.valeur === y.valeur,
      })
      f.keyed('classement.paliers', 'Palier', a.paliers, b.paliers, {
        keyOf: (p) => nameKey(p.palier),
        nameOf: (p) => p.palier,
        show: (p) => ({ palier: p.palier, niveau: p.niveau, coefficient: p.coefficient }),
        same: (x, y) => x.niveau === y.niveau && x.coefficient === y.coefficient,
      })
      f.scalar('classement.periodeMaximale', 'Période maximale', a.periodeMaximale, b.periodeMaximale)
      return
    }
    case 'evolution':
      f.keyed('evolution.verticale', 'Évolution verticale', o.evolution.verticale, n.evolution.verticale, linkSpec)
      f.keyed('evolution.transversale', 'Évolution transversale', o.evolution.transversale, n.evolution.transversale, linkSpec)
      return
    default:
      return
  }
}

/** Field changes of the classement section, for the text-wide list. */
export function classementFields(sections: readonly SectionChange[]): FieldChange[] {
  return sections.find((s) => s.section === 'classement')?.fields.filter((f) => !f.minor) ?? []
}
