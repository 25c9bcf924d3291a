/**
 * A text as a document: the paragraphs a version reads as (title, parts,
 * filière headings, each fiche's heading as the texts write it —
 * « 155. Opérateur vendeur 1er niveau (période maximale de 6 mois) » —,
 * section labels, field lines, prose and list items), and the same
 * paragraphs as a redline between two versions. Both come from one walk, so
 * that the older side of the redline is exactly the older document and the
 * newer side the newer one: what makes « accept all » in Word give the new
 * text and « reject all » the old one. Blocks come from the change set (with
 * their authors); field lines are diffed here, word by word, so that inside
 * a palier only the value that changed is struck (« coefficient 180 185 »).
 */
import { SECTION_LABELS, SECTION_NAMES, type Fiche, type SectionName, type Texte } from '@paritaire/schema'
import type { Author, BlockChange, ChangeSet, FicheChange, PartName, Segment } from '../change-set.ts'
import { sectionUnits } from '../fiche-diff.ts'
import { partUnits } from '../texte-diff.ts'
import type { Unit } from '../units.ts'
import { wordDiff, type DiffContext } from '../word-diff.ts'

export type DocStyle = 'title' | 'part' | 'filiere' | 'fiche' | 'section' | 'group' | 'field' | 'paragraph' | 'item'

/** One paragraph of a document or of a redline: its style and its words (one `equal` segment for a plain document). */
export interface DocParagraph {
  style: DocStyle
  depth: number
  segments: Segment[]
  author?: Author
  /** For a fiche heading: the fiche it opens (bookmarks, running headers). */
  ficheId?: string
}

interface Line {
  key: string
  style: DocStyle
  depth: number
  text: string
}

/** « 155. Opérateur vendeur 1er niveau (période maximale de 6 mois) », as the texts title a fiche. */
export function ficheTitleLine(f: Fiche): string {
  const k = f.classement
  const coef = k.coefficient !== null ? `${k.coefficient}. ` : ''
  const code = f.denomination.code ? ` (${f.denomination.code})` : ''
  const periode = k.periodeMaximale ? ` (période maximale de ${k.periodeMaximale})` : ''
  return `${coef}${f.denomination.intitule}${code}${periode}`
}

/** The field lines of one section of a fiche, keyed so that the two sides align. */
function fieldLines(name: SectionName, f: Fiche, title: (id: string) => string | null): Line[] {
  const line = (key: string, text: string): Line => ({ key, style: 'field', depth: 0, text })
  const k = f.classement
  switch (name) {
    case 'denomination': {
      const d = f.denomination
      return [
        ...(d.appellations.length ? [line('appellations', `Autres appellations : ${d.appellations.join(', ')}`)] : []),
        ...(d.sousFamille ? [line('sousFamille', `Sous-famille : ${d.sousFamille}`)] : []),
      ]
    }
    case 'objet':
      return f.objet.memesFonctionsQue ? [line('memes', `Mêmes fonctions que : ${title(f.objet.memesFonctionsQue) ?? f.objet.memesFonctionsQue}`)] : []
    case 'classement':
      return [
        ...(k.categorie ? [line('categorie', `Catégorie : ${k.categorie}`)] : []),
        ...(k.niveau ? [line('niveau', `Niveau : ${k.niveau}`)] : []),
        ...(k.echelon ? [line('echelon', `Échelon : ${k.echelon}`)] : []),
        ...(k.degres.length ? [line('degres', `Degrés : ${k.degres.join(', ')}`)] : []),
        ...k.criteres.map((c) => line(`critere:${c.critere}`, `${c.critere} : ${c.valeur}`)),
        ...k.paliers.map((p) => line(`palier:${p.palier}`,
          `${p.palier}${p.niveau ? ` : ${p.niveau}` : ''}${p.coefficient !== null ? `, coefficient ${p.coefficient}` : ''}`)),
      ]
    case 'evolution':
      return [
        ...f.evolution.verticale.map((l) => line(`v:${l.code ?? l.label}`, `Évolution verticale : ${l.label}${l.code ? ` (${l.code})` : ''}`)),
        ...f.evolution.transversale.map((l) => line(`t:${l.code ?? l.label}`, `Évolution transversale : ${l.label}${l.code ? ` (${l.code})` : ''}`)),
      ]
    default:
      return []
  }
}

const unitStyle = (u: Unit | BlockChange): DocStyle => (u.kind === 'item' ? 'item' : u.kind === 'groupTitle' ? 'group' : 'paragraph')

/** Builds paragraphs; each `pair` emits the older and newer text of one paragraph as one redline paragraph. */
class Writer {
  readonly out: DocParagraph[] = []
  constructor(private readonly ctx: DiffContext, private readonly author: Author | undefined) {}

  pair(style: DocStyle, depth: number, old: string | null, now: string | null, extra: Partial<DocParagraph> = {}): void {
    if (old === null && now === null) return
    let segments: Segment[]
    if (old === now || old === null || now === null) {
      segments = old === now ? [{ op: 'equal', text: now! }] : old === null ? [{ op: 'ins', text: now! }] : [{ op: 'del', text: old }]
    } else segments = wordDiff(old, now, this.ctx).segments
    const p: DocParagraph = { style, depth, segments, ...extra }
    if (this.author && segments.some((s) => s.op !== 'equal')) p.author = this.author
    this.out.push(p)
  }

  blocks(blocks: readonly BlockChange[]): void {
    for (const b of blocks) this.out.push({ style: unitStyle(b), depth: b.depth, segments: b.segments, ...(b.author ? { author: b.author } : {}) })
  }

  /** Units of one side only (`old`: deleted, `new`: inserted), or of both when unchanged (`both`). */
  units(units: readonly Unit[], side: 'old' | 'new' | 'both'): void {
    for (const u of units) this.pair(unitStyle(u), u.depth, side !== 'new' ? u.text : null, side !== 'old' ? u.text : null)
  }

  /** Lines keyed on both sides: aligned by key in the newer order, removed ones where they stood. */
  lines(old: readonly Line[], now: readonly Line[]): void {
    const newKeys = new Set(now.map((l) => l.key))
    const oldBy = new Map(old.map((l) => [l.key, l]))
    let o = 0
    for (const n of now) {
      while (o < old.length && !newKeys.has(old[o]!.key)) this.pair(old[o]!.style, 0, old[o++]!.text, null)
      const match = oldBy.get(n.key)
      if (match && old[o] === match) o++
      this.pair(n.style, n.depth, match?.text ?? null, n.text)
    }
    while (o < old.length) {
      if (!newKeys.has(old[o]!.key)) this.pair(old[o]!.style, 0, old[o]!.text, null)
      o++
    }
  }
}

interface Titles {
  old: (id: string) => string | null
  new: (id: string) => string | null
}

function ficheParagraphs(w: Writer, fc: FicheChange, o: Fiche | null, n: Fiche | null, titles: Titles): void {
  const id = fc.newerId ?? fc.olderId ?? undefined
  w.pair('fiche', 0, o ? ficheTitleLine(o) : null, n ? ficheTitleLine(n) : null, id ? { ficheId: id } : {})
  for (const name of SECTION_NAMES) {
    const change = fc.sections.find((s) => s.section === name)
    const oldUnits = o ? sectionUnits(name, o) : []
    const newUnits = n ? sectionUnits(name, n) : []
    const oldLines = o ? fieldLines(name, o, titles.old) : []
    const newLines = n ? fieldLines(name, n, titles.new) : []
    const hasOld = oldUnits.length + oldLines.length > 0
    const hasNew = newUnits.length + newLines.length > 0
    if (!hasOld && !hasNew) continue
    w.pair('section', 0, hasOld ? SECTION_LABELS[name] : null, hasNew ? SECTION_LABELS[name] : null)
    w.lines(oldLines, newLines)
    // The change set's blocks hold both sides' units, aligned; without them (an unchanged fiche) the newer text is the text.
    if (change && change.blocks.length > 0) w.blocks(change.blocks)
    else if (o && n) w.units(newUnits, 'both')
    else w.units(o ? oldUnits : newUnits, o ? 'old' : 'new')
  }
}

const PART_TITLES: Partial<Record<PartName, string>> = { grid: 'Grille de classification', closing: 'Dispositions finales', remainder: 'Texte non classé' }

function partParagraphs(w: Writer, cs: ChangeSet, part: 'preamble' | 'grid' | 'closing' | 'remainder', older: Texte, newer: Texte): void {
  const change = cs.parts.find((p) => p.part === part)
  const oldUnits = partUnits(older, part)
  const newUnits = partUnits(newer, part)
  if (oldUnits.length === 0 && newUnits.length === 0) return
  const heading = PART_TITLES[part]
  if (heading) w.pair('part', 0, oldUnits.length ? heading : null, newUnits.length ? heading : null)
  if (change && change.blocks.length > 0) w.blocks(change.blocks)
  else if (oldUnits.length && !newUnits.length) w.units(oldUnits, 'old')
  else if (!oldUnits.length) w.units(newUnits, 'new')
  else w.units(newUnits, 'both')
}

/**
 * The redline of two versions as document paragraphs. Its older side (equal
 * + deleted text) is `texteDocument(older)`, its newer side (equal +
 * inserted) `texteDocument(newer)` — fiches in the change set's reading
 * order. `cs` must come from `diffTextes(older, newer)`.
 */
export function redlineDocument(cs: ChangeSet, older: Texte, newer: Texte): DocParagraph[] {
  const ctx: DiffContext = { ignoreTypography: cs.options.ignoreTypography, maxTokens: 4000, maxEditLength: 1200, deadline: Number.POSITIVE_INFINITY, fallbacks: 0 }
  const author = cs.newer?.organisation ? { organisation: cs.newer.organisation, date: cs.newer.date ?? null } : undefined
  const w = new Writer(ctx, author)
  const titleOf = (t: Texte) => {
    const m = new Map(t.fiches.map((f) => [f.id, f.denomination.intitule]))
    return (id: string) => m.get(id) ?? null
  }
  const titles: Titles = { old: titleOf(older), new: titleOf(newer) }
  w.pair('title', 0, older.title || null, newer.title || null)
  w.pair('paragraph', 0, older.idcc ? `IDCC : ${older.idcc}` : null, newer.idcc ? `IDCC : ${newer.idcc}` : null)
  partParagraphs(w, cs, 'preamble', older, newer)
  partParagraphs(w, cs, 'grid', older, newer)
  let lastOld: string | null = null
  let lastNew: string | null = null
  for (const fc of cs.fiches) {
    const o = fc.olderIndex !== null ? older.fiches[fc.olderIndex] ?? null : null
    const n = fc.newerIndex !== null ? newer.fiches[fc.newerIndex] ?? null : null
    const fo = o?.denomination.filiere ?? null
    const fn = n?.denomination.filiere ?? null
    const headOld = o && fo !== null && fo !== lastOld ? `Filière ${fo}` : null
    const headNew = n && fn !== null && fn !== lastNew ? `Filière ${fn}` : null
    if (headOld !== null || headNew !== null) w.pair('filiere', 0, headOld, headNew)
    if (o) lastOld = fo
    if (n) lastNew = fn
    ficheParagraphs(w, fc, o, n, titles)
  }
  partParagraphs(w, cs, 'closing', older, newer)
  partParagraphs(w, cs, 'remainder', older, newer)
  return w.out
}

/** One version as document paragraphs (a redline of the text against itself: all equal). */
export function texteDocument(t: Texte): DocParagraph[] {
  const cs: ChangeSet = {
    changeSetVersion: 1, kind: 'texte', options: { ignoreTypography: false }, older: null, newer: null,
    summary: { added: 0, removed: 0, modified: 0, moved: 0, unchanged: t.fiches.length, typographyOnly: 0 },
    classementChanges: [], parts: [], identical: true, fallbacks: 0,
    fiches: t.fiches.map((f, i) => ({
      status: 'unchanged', moved: false, match: 'id', olderId: f.id, newerId: f.id, olderIndex: i, newerIndex: i,
      intitule: f.denomination.intitule, code: f.denomination.code, coefficient: f.classement.coefficient,
      filiere: { old: f.denomination.filiere, new: f.denomination.filiere }, sections: [],
    })),
  }
  return redlineDocument(cs, t, t)
}

/** The text of one side of a document paragraph. */
export function paragraphText(p: DocParagraph, side: 'old' | 'new'): string {
  const skip = side === 'old' ? 'ins' : 'del'
  return p.segments.filter((s) => s.op !== skip).map((s) => (side === 'old' && s.old !== undefined ? s.old : s.text)).join('')
}

/** One fiche as document paragraphs (its heading, sections, fields and prose): the dispositions an avenant quotes. */
export function ficheDocument(f: Fiche, titleOf: (id: string) => string | null = () => null): DocParagraph[] {
  const ctx: DiffContext = { ignoreTypography: false, maxTokens: 4000, maxEditLength: 1200, deadline: Number.POSITIVE_INFINITY, fallbacks: 0 }
  const w = new Writer(ctx, undefined)
  const fc: FicheChange = {
    status: 'unchanged', moved: false, match: 'id', olderId: f.id, newerId: f.id, olderIndex: 0, newerIndex: 0,
    intitule: f.denomination.intitule, code: f.denomination.code, coefficient: f.classement.coefficient,
    filiere: { old: f.denomination.filiere, new: f.denomination.filiere }, sections: [],
  }
  ficheParagraphs(w, fc, f, f, { old: titleOf, new: titleOf })
  return w.out
}
