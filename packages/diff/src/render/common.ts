/**
 * What every renderer says the same way, in French: status words, the
 * summary lines, field labels and values, a fiche's heading. Renderers only
 * decide how to draw these (HTML, terminal, Word), never what they say.
 */
import type { Author, ChangeSet, ClassementChange, FicheChange, FicheStatus, FieldValue, SectionStatus, VersionMeta } from '../change-set.ts'

export const FICHE_STATUS_LABELS: Record<FicheStatus, string> = {
  added: 'ajoutée',
  removed: 'supprimée',
  modified: 'modifiée',
  moved: 'déplacée',
  unchanged: 'inchangée',
}

export const SECTION_STATUS_LABELS: Record<SectionStatus, string> = {
  added: 'ajoutée',
  removed: 'supprimée',
  modified: 'modifiée',
  unchanged: 'inchangée',
}

const CLASSEMENT_LABELS: Record<string, string> = {
  categorie: 'Catégorie',
  niveau: 'Niveau',
  echelon: 'Échelon',
  degres: 'Degrés',
  coefficient: 'Coefficient',
  criteres: 'Critère classant',
  paliers: 'Palier',
  periodeMaximale: 'Période maximale',
}

export const classementLabel = (c: ClassementChange): string =>
  c.field === 'grille' ? c.key ?? 'grille' : `${CLASSEMENT_LABELS[c.field] ?? c.field}${c.key !== undefined ? ` « ${c.key} »` : ''}`

/** A field value as a negotiator reads it. */
export function formatValue(v: FieldValue): string {
  if (v === null) return '(aucun)'
  if (Array.isArray(v)) return v.length === 0 ? '(aucun)' : v.join(', ')
  if (typeof v === 'object') {
    const p = v as { palier?: unknown; niveau?: unknown; coefficient?: unknown; categorie?: unknown }
    const bits = [p.niveau, p.categorie, p.coefficient !== undefined && p.coefficient !== null ? `coefficient ${String(p.coefficient)}` : null]
      .filter((x) => x !== null && x !== undefined && x !== '')
      .map(String)
    return bits.length > 0 ? bits.join(', ') : '(vide)'
  }
  return String(v)
}

/** "155. Opérateur vendeur 1er niveau (Z.C.II.1)" */
export function ficheHeading(f: FicheChange): string {
  const title = f.intitule || '(fiche sans intitulé)'
  const coef = f.coefficient !== null ? `${f.coefficient}. ` : ''
  const code = f.code ? ` (${f.code})` : ''
  return `${coef}${title}${code}`
}

export function metaLabel(meta: VersionMeta | null, fallback: string): string {
  if (!meta) return fallback
  const bits = [meta.label, meta.organisation, meta.date ? formatDate(meta.date) : null].filter((x): x is string => !!x)
  return bits.length > 0 ? bits.join(' — ') : fallback
}

/** The distinct authors of a row's changes, in order (« Proposé par »). */
export function rowAuthors(fields: readonly { author?: Author }[], blocks: readonly { status: string; author?: Author }[]): Author[] {
  const seen = new Map<string, Author>()
  for (const x of [...fields, ...blocks.filter((b) => b.status !== 'equal')]) {
    if (x.author) seen.set(`${x.author.organisation}|${x.author.person ?? ''}|${x.author.date ?? ''}`, x.author)
  }
  return [...seen.values()]
}

/** « CFDT — Karim Benali, 11/03/2024 » */
export const authorLine = (a: Author): string => `${a.organisation}${a.person ? ` — ${a.person}` : ''}${a.date ? `, ${formatDate(a.date)}` : ''}`

/** Whether any change of the set is credited: then the tableau has its « Proposé par » column. */
export function hasAuthors(cs: ChangeSet): boolean {
  const all = [...cs.parts, ...cs.fiches.flatMap((f) => f.sections)]
  return all.some((s) => rowAuthors(s.fields, s.blocks).length > 0)
}

/** ISO date → "11/03/2024" (the date part only). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso
}

export function summaryLines(cs: ChangeSet): string[] {
  const s = cs.summary
  const plural = (n: number, word: string): string => `${n} fiche${n > 1 ? 's' : ''} ${word}${n > 1 ? 's' : ''}`
  return [
    plural(s.added, 'ajoutée'),
    plural(s.removed, 'supprimée'),
    plural(s.modified, 'modifiée') + (s.typographyOnly > 0 ? `, dont ${s.typographyOnly} pour la typographie seulement` : ''),
    plural(s.moved, 'déplacée'),
    plural(s.unchanged, 'inchangée'),
  ]
}

export const comparisonTitle = (cs: ChangeSet): string =>
  `Comparaison : ${metaLabel(cs.older, 'version précédente')} → ${metaLabel(cs.newer, 'version proposée')}`

/**
 * Fiches a renderer shows: all of them, or only those with a change; with
 * `foldTypography`, not those whose every change is typographic (they are
 * named on one line instead: `typographyFoldLine`).
 */
export const visibleFiches = (cs: ChangeSet, includeUnchanged = false, foldTypography = false): FicheChange[] =>
  cs.fiches.filter((f) => (includeUnchanged || f.status !== 'unchanged') && !(foldTypography && f.typographyOnly))

/** « 68 fiches ne diffèrent que par la typographie : 155. Opérateur vendeur 1er niveau, … » — or null when none. */
export function typographyFoldLine(cs: ChangeSet): string | null {
  const folded = cs.fiches.filter((f) => f.typographyOnly)
  if (folded.length === 0) return null
  const n = folded.length
  return `${n} fiche${n > 1 ? 's ne diffèrent' : ' ne diffère'} que par la typographie (apostrophes, majuscules accentuées, espaces) : ${folded.map(ficheHeading).join(' ; ')}.`
}
