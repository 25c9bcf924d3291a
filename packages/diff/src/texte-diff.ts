/**
 * The entry points: `diffTextes` (two whole texts) and `diffFiches` (two
 * fiches). Matches fiches, tells moves (the matched fiches outside the
 * longest run kept in order, or that changed filière), diffs each pair and
 * the parts around the fiches, then sums up: counts per status and every
 * classement change, the list negotiators read first.
 */
import { SECTION_NAMES, type Fiche, type GridLevel, type Texte } from '@paritaire/schema'
import {
  CHANGE_SET_VERSION,
  type Author,
  type ChangeSet,
  type ClassementChange,
  type DiffOptions,
  type DiffSummary,
  type FicheChange,
  type PartChange,
  type SectionChange,
  type VersionMeta,
} from './change-set.ts'
import { longestIncreasing } from './align.ts'
import { diffUnits } from './blocks-diff.ts'
import { alignFiches, type FicheMatch } from './fiche-align.ts'
import { EMPTY_FICHE, classementFields, diffFicheContent, directRefs, type FicheRefs } from './fiche-diff.ts'
import { FieldCollector, nameKey } from './fields.ts'
import { typographyKey } from './typography.ts'
import { makeUnit, richTextUnits, type Unit } from './units.ts'
import type { DiffContext } from './word-diff.ts'

function makeContext(options: DiffOptions): DiffContext {
  return {
    ignoreTypography: options.ignoreTypography ?? false,
    maxTokens: options.maxTokens ?? 4000,
    maxEditLength: options.maxEditLength ?? 1200,
    deadline: Date.now() + (options.budgetMs ?? 400),
    fallbacks: 0,
    includeUnchanged: options.includeUnchanged ?? false,
  }
}

function authorOf(meta: VersionMeta | null | undefined): Author | undefined {
  return meta?.organisation ? { organisation: meta.organisation, date: meta.date ?? null, ...(meta.person ? { person: meta.person } : {}) } : undefined
}

/** Compare two texts: the fiches, matched by identity, and the parts around them. */
export function diffTextes(older: Texte, newer: Texte, options: DiffOptions = {}): ChangeSet {
  const ctx = makeContext(options)
  const author = authorOf(options.newerMeta)
  const matches = alignFiches(older.fiches, newer.fiches)
  const byNew = new Map<number, FicheMatch>(matches.map((m) => [m.n, m]))
  const pairedOld = new Set(matches.map((m) => m.o))

  // Moves: matched fiches in newer order; those outside the longest
  // increasing run of older positions changed place.
  const ordered = [...matches].sort((a, b) => a.n - b.n)
  const stable = longestIncreasing(ordered.map((m) => m.o))
  const movedNew = new Set(ordered.filter((_, i) => !stable.has(i)).map((m) => m.n))

  const oldToNewId = new Map(matches.map((m) => [older.fiches[m.o]!.id, newer.fiches[m.n]!.id]))
  const titles = (fs: readonly Fiche[]): Map<string, string> => new Map(fs.map((f) => [f.id, f.denomination.intitule]))
  const oldTitles = titles(older.fiches)
  const newTitles = titles(newer.fiches)
  const refs: FicheRefs = {
    oldTitle: (id) => oldTitles.get(id) ?? null,
    newTitle: (id) => newTitles.get(id) ?? null,
    mapOldId: (id) => oldToNewId.get(id) ?? null,
  }

  // Reading order: newer order, each removed fiche just before the first
  // stable fiche that followed it in the older text.
  const fiches: FicheChange[] = []
  const removed = older.fiches.map((_, i) => i).filter((i) => !pairedOld.has(i))
  let r = 0
  const flushRemoved = (before: number): void => {
    while (r < removed.length && removed[r]! < before) {
      fiches.push(ficheChange(older.fiches[removed[r]!]!, null, removed[r]!, null, null, false, ctx, refs, author))
      r++
    }
  }
  newer.fiches.forEach((f, n) => {
    const m = byNew.get(n)
    if (m && !movedNew.has(n)) {
      flushRemoved(m.o)
    }
    fiches.push(m ? ficheChange(older.fiches[m.o]!, f, m.o, n, m, movedNew.has(n), ctx, refs, author)
      : ficheChange(null, f, null, n, null, false, ctx, refs, author))
  })
  flushRemoved(Number.POSITIVE_INFINITY)

  const parts = diffParts(older, newer, ctx, author)
  const cs = assemble('texte', fiches, parts, options, ctx)
  cs.classementChanges.push(...gridClassementChanges(older.grid.levels, newer.grid.levels, author))
  return cs
}

/** Compare two fiches (the same job in two versions). */
export function diffFiches(a: Fiche, b: Fiche, options: DiffOptions = {}): ChangeSet {
  const ctx = makeContext(options)
  const author = authorOf(options.newerMeta)
  const change = ficheChange(a, b, 0, 0, { o: 0, n: 0, match: a.id === b.id ? 'id' : 'key' }, false, ctx, directRefs, author)
  return assemble('fiche', [change], [], options, ctx)
}

function ficheChange(
  o: Fiche | null,
  n: Fiche | null,
  oi: number | null,
  ni: number | null,
  match: FicheMatch | null,
  movedInOrder: boolean,
  ctx: DiffContext,
  refs: FicheRefs,
  author: Author | undefined,
): FicheChange {
  const ref = (n ?? o)!
  // Most fiches of a draft are untouched: equal content needs no section diff.
  const same = o !== null && n !== null && !ctx.includeUnchanged && sameContent(o, n, refs)
  const content = same
    ? { sections: [], contentChanged: false, filiereChanged: false }
    : diffFicheContent(o ?? EMPTY_FICHE, n ?? EMPTY_FICHE, ctx, refs, author)
  const moved = o !== null && n !== null && (movedInOrder || content.filiereChanged)
  const status = !o ? 'added' : !n ? 'removed' : content.contentChanged ? 'modified' : moved ? 'moved' : 'unchanged'
  const change: FicheChange = {
    status,
    moved,
    match: match?.match ?? null,
    olderId: o?.id ?? null,
    newerId: n?.id ?? null,
    olderIndex: oi,
    newerIndex: ni,
    intitule: ref.denomination.intitule,
    code: ref.denomination.code,
    coefficient: ref.classement.coefficient,
    filiere: { old: o?.denomination.filiere ?? null, new: n?.denomination.filiere ?? null },
    sections: status === 'unchanged' && !ctx.includeUnchanged ? [] : content.sections,
  }
  if (match?.similarity !== undefined) change.similarity = match.similarity
  if (status === 'modified' && typographicOnly(change.sections)) change.typographyOnly = true
  if (author && status !== 'unchanged') change.author = author
  return change
}

/** Every change of the sections is a typographic one (minor fields, blocks edited by minor segments only). */
export function typographicOnly(sections: readonly SectionChange[]): boolean {
  return sections.every((s) =>
    s.fields.every((f) => f.minor === true) &&
    s.blocks.every((b) => b.status === 'equal' || (b.status === 'modified' && b.segments.every((g) => g.op === 'equal' || g.minor === true))))
}

/** Same content, ids aside ("mêmes fonctions que" compared through the id mapping). */
function sameContent(o: Fiche, n: Fiche, refs: FicheRefs): boolean {
  const link = o.objet.memesFonctionsQue === null ? null : refs.mapOldId(o.objet.memesFonctionsQue)
  if (link !== n.objet.memesFonctionsQue) return false
  return SECTION_NAMES.every((s) => s === 'objet' ? jsonEqual(o.objet.content, n.objet.content) : jsonEqual(o[s], n[s]))
}

/** Deep equality of JSON values, stopping at the first difference. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  // Keys counted with for…in, not listed with Object.keys: this runs over
  // every fiche of both texts, and JSON values have no inherited keys.
  let count = 0
  for (const k in a) {
    if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
    count++
  }
  for (const _ in b) count--
  return count === 0
}

const levelLabel = (l: GridLevel): string => (/^niveau\b/i.test(l.niveau.trim()) ? l.niveau.trim() : `Niveau ${l.niveau}`)

/** « Coefficients : 150 à 160 », « Salaire minimum : 1 800 € »: the attributes a level's definition states. */
const ATTRIBUTE_LINE = /^\s*([^:.;]{3,40}?)\s*:\s*(\S.*?)\s*\.?$/

function levelAttributes(l: GridLevel): Map<string, { label: string; value: string }> {
  const out = new Map<string, { label: string; value: string }>()
  if (l.categorie) out.set('categorie', { label: 'catégorie', value: l.categorie })
  for (const u of richTextUnits(l.definition)) {
    const m = ATTRIBUTE_LINE.exec(u.text)
    if (m) out.set(nameKey(m[1]!), { label: m[1]!.trim().toLowerCase(), value: m[2]! })
  }
  return out
}

/**
 * A change of the grid is a classement change: a level's coefficient range,
 * minimum salary, diploma, category — « Niveau 2 — coefficients : 150 à 160
 * → 150 à 165 ». Levels matched by their name; attributes by their label.
 */
function gridClassementChanges(older: readonly GridLevel[], newer: readonly GridLevel[], author: Author | undefined): ClassementChange[] {
  const oldBy = new Map(older.map((l) => [nameKey(l.niveau), l]))
  const out: ClassementChange[] = []
  for (const n of newer) {
    const o = oldBy.get(nameKey(n.niveau))
    if (!o) continue
    const a = levelAttributes(o)
    const b = levelAttributes(n)
    for (const [k, v] of new Map([...a, ...b])) {
      const before = a.get(k)?.value ?? null
      const after = b.get(k)?.value ?? null
      if (before === after) continue
      if (before !== null && after !== null && typographyKey(before) === typographyKey(after)) continue
      const c: ClassementChange = { ficheId: '', intitule: levelLabel(n), niveau: levelLabel(n), field: 'grille', key: v.label, old: before, new: after }
      if (author) c.author = author
      out.push(c)
    }
  }
  return out
}

function levelUnits(levels: readonly GridLevel[]): Unit[] {
  return levels.flatMap((l) => {
    // The niveau may already read « Niveau 2 » (imports keep the text's words).
    const label = levelLabel(l)
    const head = makeUnit('groupTitle', 0, label, label, label)
    return [head, ...richTextUnits(l.definition, label, label)]
  })
}

const PART_LABELS: Record<Exclude<PartChange['part'], 'title' | 'idcc'>, string> = {
  preamble: 'Préambule',
  grid: 'Grille de classification',
  closing: 'Dispositions finales',
  remainder: 'Texte non classé',
}

/** The units of one text part, as the diff aligns them. */
export function partUnits(t: Texte, part: keyof typeof PART_LABELS): Unit[] {
  switch (part) {
    case 'preamble':
      return richTextUnits(t.preamble)
    case 'grid':
      return [...levelUnits(t.grid.levels), ...richTextUnits(t.grid.content, null, 'texte')]
    case 'closing':
      return richTextUnits(t.closing)
    case 'remainder':
      return richTextUnits(t.remainder)
  }
}

function diffParts(older: Texte, newer: Texte, ctx: DiffContext, author: Author | undefined): PartChange[] {
  const parts: PartChange[] = []
  const push = (part: PartChange['part'], label: string, fields: FieldCollector, oldUnits: Unit[], newUnits: Unit[]): void => {
    if (oldUnits.length === 0 && newUnits.length === 0 && fields.changes.length === 0) return
    const { blocks, changed } = diffUnits(oldUnits, newUnits, ctx, author)
    const any = changed || fields.changes.length > 0
    const status = !any ? 'unchanged' : oldUnits.length === 0 && newUnits.length > 0 ? 'added' : newUnits.length === 0 && oldUnits.length > 0 ? 'removed' : 'modified'
    // An unchanged part carries no blocks unless asked (it can be long: the whole preamble).
    parts.push({ part, label, status, fields: fields.changes, blocks: status === 'unchanged' && !ctx.includeUnchanged ? [] : blocks })
  }
  const head = new FieldCollector(ctx, author)
  head.scalar('title', 'Titre', older.title, newer.title)
  head.scalar('idcc', 'IDCC', older.idcc, newer.idcc)
  push('title', 'Titre', head, [], [])
  for (const part of ['preamble', 'grid', 'closing'] as const) {
    const fields = new FieldCollector(ctx, author)
    if (part === 'grid') {
      fields.keyed('grid.levels', 'Niveau de la grille', older.grid.levels, newer.grid.levels, {
        keyOf: (l) => nameKey(l.niveau),
        nameOf: (l) => l.niveau,
        show: (l) => ({ niveau: l.niveau, categorie: l.categorie }),
        same: (a, b) => a.categorie === b.categorie,
      })
    }
    push(part, PART_LABELS[part], fields, partUnits(older, part), partUnits(newer, part))
  }
  push('remainder', PART_LABELS.remainder, new FieldCollector(ctx, author), partUnits(older, 'remainder'), partUnits(newer, 'remainder'))
  return parts
}

function assemble(kind: ChangeSet['kind'], fiches: FicheChange[], parts: PartChange[], options: DiffOptions, ctx: DiffContext): ChangeSet {
  const summary: DiffSummary = { added: 0, removed: 0, modified: 0, moved: 0, unchanged: 0, typographyOnly: 0 }
  const classementChanges: ClassementChange[] = []
  for (const f of fiches) {
    summary[f.status]++
    if (f.typographyOnly) summary.typographyOnly++
    if (f.status !== 'modified') continue
    for (const fc of classementFields(f.sections)) {
      const c: ClassementChange = {
        ficheId: f.newerId ?? f.olderId ?? '',
        intitule: f.intitule,
        field: fc.field.replace(/^classement\./, ''),
        old: fc.old,
        new: fc.new,
      }
      if (fc.key !== undefined) c.key = fc.key
      if (fc.author) c.author = fc.author
      classementChanges.push(c)
    }
  }
  const identical =
    fiches.every((f) => f.status === 'unchanged') && parts.every((p) => p.status === 'unchanged')
  return {
    changeSetVersion: CHANGE_SET_VERSION,
    kind,
    options: { ignoreTypography: ctx.ignoreTypography },
    older: options.olderMeta ?? null,
    newer: options.newerMeta ?? null,
    summary,
    classementChanges,
    parts,
    fiches,
    fallbacks: ctx.fallbacks,
    identical,
  }
}
