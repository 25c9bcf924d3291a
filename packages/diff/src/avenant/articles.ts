/**
 * Change articles of an avenant, drafted from a change set: one article per
 * change of substance, in the forms the branch texts use. Words replaced,
 * inserted or removed inside a paragraph; a field (coefficient, période
 * maximale, palier…) replaced; a fiche mostly rewritten replaced whole; a
 * fiche inserted after the one it follows, removed, or moved to another
 * filière; the grid and the other parts of the accord the same way.
 * Typographic changes never make an article.
 */
import type { Fiche, Texte } from '@paritaire/schema'
import type { BlockChange, ChangeSet, FicheChange, FieldChange, FieldValue, PartChange, Segment } from '../change-set.ts'
import { formatValue } from '../render/common.ts'
import { ficheDocument, type DocParagraph } from '../render/texte-document.ts'
import type { ArticleKind, AvenantAlinea } from './model.ts'

export interface DraftArticle {
  kind: ArticleKind
  ficheId?: string
  alineas: AvenantAlinea[]
}

const q = (s: string): string => `« ${s.trim()} »`
const text = (t: string): AvenantAlinea => ({ kind: 'text', text: t })

/** « la fiche « Opérateur vendeur 1er niveau » (coefficient 155) », as the text in force names it. */
export function ficheName(f: Fiche): string {
  const coef = f.classement.coefficient !== null ? ` (coefficient ${f.classement.coefficient})` : ''
  return `la fiche ${q(f.denomination.intitule || 'sans intitulé')}${coef}`
}
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)
const atFiche = (f: Fiche): string => `À ${ficheName(f)}`

/** A fiche's dispositions as quoted alinéas (heading, sections, lines). */
export function quoteFiche(f: Fiche, titleOf: (id: string) => string | null): AvenantAlinea[] {
  return ficheDocument(f, titleOf).map((p: DocParagraph): AvenantAlinea => {
    const t = p.segments.map((s) => s.text).join('')
    return { kind: p.style === 'fiche' || p.style === 'section' || p.style === 'group' ? 'quoteHeading' : p.style === 'item' ? 'quoteItem' : 'quote', text: t }
  }).filter((a) => a.text.trim() !== '')
}

interface Run {
  before: string
  del: string
  ins: string
}

/** The changes of substance of one paragraph, each with the words just before it (for an insertion). */
export function substantiveRuns(segments: readonly Segment[]): Run[] {
  const runs: Run[] = []
  let context = ''
  let cur: Run | null = null
  for (const s of segments) {
    const substantive = s.op !== 'equal' && !s.minor
    if (substantive) {
      cur ??= { before: context, del: '', ins: '' }
      if (s.op === 'del') cur.del += s.text
      else cur.ins += s.text
      continue
    }
    if (cur) {
      runs.push(cur)
      cur = null
    }
    // Context reads as the text in force: equal and deleted text (minor ones included), in its old wording.
    if (s.op !== 'ins') context += s.op === 'equal' && s.old !== undefined ? s.old : s.text
  }
  if (cur) runs.push(cur)
  return runs.filter((r) => r.del.trim() !== '' || r.ins.trim() !== '')
}

const lastWords = (s: string, n = 4): string => s.trim().split(/\s+/).slice(-n).join(' ')

function wordsSentence(where: string, r: Run): string {
  if (r.del.trim() && r.ins.trim()) return `${where}, les mots : ${q(r.del)} sont remplacés par les mots : ${q(r.ins)}.`
  if (r.del.trim()) return `${where}, les mots : ${q(r.del)} sont supprimés.`
  return r.before.trim()
    ? `${where}, après les mots : ${q(lastWords(r.before))}, sont insérés les mots : ${q(r.ins)}.`
    : `${where}, au début de l'alinéa, sont insérés les mots : ${q(r.ins)}.`
}

const blockNoun = (b: BlockChange): string => (b.kind === 'item' ? 'le tiret' : b.kind === 'groupTitle' ? "l'intitulé d'activité" : "l'alinéa")
const oldText = (b: BlockChange): string => b.segments.filter((s) => s.op !== 'ins').map((s) => (s.op === 'equal' && s.old !== undefined ? s.old : s.text)).join('')
const newText = (b: BlockChange): string => b.segments.filter((s) => s.op !== 'del').map((s) => s.text).join('')

function blockArticles(where: string, blocks: readonly BlockChange[], ficheId?: string): DraftArticle[] {
  const out: DraftArticle[] = []
  const push = (t: string): void => {
    out.push({ kind: 'mots', ...(ficheId ? { ficheId } : {}), alineas: [text(t)] })
  }
  for (const b of blocks) {
    if (b.status === 'equal') continue
    if (b.status === 'added') push(`${where}, il est ajouté ${b.kind === 'item' ? 'un tiret ainsi rédigé' : 'un alinéa ainsi rédigé'} : ${q(newText(b))}.`)
    else if (b.status === 'removed') push(`${where}, ${blockNoun(b)} : ${q(oldText(b))} est supprimé.`)
    else if (b.status === 'moved' && b.segments.length > 0 && b.segments.every((g) => g.op === 'del')) {
      // Moved to another section: one article, at the old place; its arrival (all inserted) says nothing more.
      push(`${where}, ${blockNoun(b)} : ${q(oldText(b))} est déplacé à la rubrique ${q(b.to ?? '')}.`)
    } else if (b.status === 'moved' && b.segments.length > 0 && b.segments.every((g) => g.op === 'ins')) {
      continue
    } else {
      for (const r of substantiveRuns(b.segments)) push(wordsSentence(where, r))
      if (b.status === 'moved' && b.from) push(`${where}, ${blockNoun(b)} : ${q(newText(b))} est déplacé (${b.from} → ${b.to ?? ''}).`)
    }
  }
  return out
}

const LINE_LABELS: Record<string, string> = {
  'classement.coefficient': 'le coefficient',
  'classement.niveau': 'le niveau',
  'classement.echelon': "l'échelon",
  'classement.categorie': 'la catégorie',
  'denomination.intitule': "l'intitulé",
}

/** A field value as the text writes the line (« Palier 1 : niveau 2, coefficient 180 »). */
function lineOf(f: FieldChange, v: FieldValue): string {
  if (f.field === 'classement.paliers' && v && typeof v === 'object' && !Array.isArray(v)) {
    const p = v as { palier?: string; niveau?: string | null; coefficient?: number | null }
    return `${p.palier ?? f.key ?? ''}${p.niveau ? ` : ${p.niveau}` : ''}${p.coefficient !== null && p.coefficient !== undefined ? `, coefficient ${p.coefficient}` : ''}`
  }
  if (f.key !== undefined) return `${f.key} : ${formatValue(v)}`
  return `${f.label} : ${formatValue(v)}`
}

function fieldArticle(o: Fiche, f: FieldChange, ficheId: string): DraftArticle | null {
  if (f.minor) return null
  const at = atFiche(o)
  const mk = (t: string): DraftArticle => ({ kind: 'champ', ficheId, alineas: [text(t)] })
  if (f.field === 'denomination.filiere' || f.field === 'denomination.sousFamille') return null // a move: its own article
  if (f.field === 'classement.periodeMaximale') {
    const w = (v: FieldValue): string => `période maximale de ${formatValue(v)}`
    if (f.old === null) return mk(`${at}, après l'intitulé, sont insérés les mots : ${q(`(${w(f.new)})`)}.`)
    if (f.new === null) return mk(`${at}, les mots : ${q(w(f.old))} sont supprimés.`)
    return mk(`${at}, les mots : ${q(w(f.old))} sont remplacés par les mots : ${q(w(f.new))}.`)
  }
  const noun = LINE_LABELS[f.field]
  if (noun) {
    if (f.old === null) return mk(`${at}, ${noun} ${q(formatValue(f.new))} est ajouté.`)
    if (f.new === null) return mk(`${at}, ${noun} : ${q(formatValue(f.old))} est supprimé.`)
    const fem = noun.startsWith('la ')
    return mk(`${at}, ${noun} : ${q(formatValue(f.old))} est remplacé${fem ? 'e' : ''} par ${noun.replace(/^l'/, "l'")} : ${q(formatValue(f.new))}.`)
  }
  if (f.old === null) return mk(`${at}, à la rubrique ${q(sectionOfField(f.field))}, il est ajouté la mention : ${q(lineOf(f, f.new))}.`)
  if (f.new === null) return mk(`${at}, à la rubrique ${q(sectionOfField(f.field))}, la mention : ${q(lineOf(f, f.old))} est supprimée.`)
  return mk(`${at}, à la rubrique ${q(sectionOfField(f.field))}, la mention : ${q(lineOf(f, f.old))} est remplacée par la mention : ${q(lineOf(f, f.new))}.`)
}

const SECTION_OF: Record<string, string> = {
  denomination: 'Dénomination', objet: 'Objet / Finalité', contenu: 'Contenu / Missions / Activités',
  classement: 'Classement', acces: 'Accès / Compétences', evolution: 'Évolution',
}
const sectionOfField = (field: string): string => SECTION_OF[field.split('.')[0]!] ?? field

/** Share of a fiche's words changed in substance (0…1): past the threshold it is replaced whole. */
export function changedShare(fc: FicheChange): number {
  let changed = 0
  let total = 0
  for (const s of fc.sections) {
    for (const b of s.blocks) {
      for (const g of b.segments) {
        const n = g.text.trim() ? g.text.trim().split(/\s+/).length : 0
        total += n
        if (g.op !== 'equal' && !g.minor) changed += n
      }
    }
  }
  return total === 0 ? 0 : changed / total
}

export interface ArticleContext {
  cs: ChangeSet
  older: Texte
  newer: Texte
  replaceThreshold: number
}

function ficheArticles(fc: FicheChange, c: ArticleContext): DraftArticle[] {
  const o = fc.olderIndex !== null ? c.older.fiches[fc.olderIndex] ?? null : null
  const n = fc.newerIndex !== null ? c.newer.fiches[fc.newerIndex] ?? null : null
  const id = fc.newerId ?? fc.olderId ?? ''
  const newTitles = new Map(c.newer.fiches.map((f) => [f.id, f.denomination.intitule]))
  const titleOf = (x: string): string | null => newTitles.get(x) ?? null
  if (!o && n) {
    const prev = fc.newerIndex! > 0 ? c.newer.fiches[fc.newerIndex! - 1] : undefined
    const lead = prev ? `Après ${ficheName(prev)}, il est inséré une fiche ainsi rédigée :` : `Avant ${c.newer.fiches[1] ? ficheName(c.newer.fiches[1]) : 'les fiches'}, il est inséré une fiche ainsi rédigée :`
    return [{ kind: 'insertion', ficheId: id, alineas: [text(lead), ...quoteFiche(n, titleOf)] }]
  }
  if (o && !n) return [{ kind: 'suppression', ficheId: id, alineas: [text(`${cap(ficheName(o))} est supprimée.`)] }]
  if (!o || !n) return []
  const out: DraftArticle[] = []
  if (fc.status === 'modified' && !fc.typographyOnly) {
    if (changedShare(fc) > c.replaceThreshold) {
      out.push({ kind: 'remplacement', ficheId: id, alineas: [text(`${cap(ficheName(o))} est remplacée par les dispositions suivantes :`), ...quoteFiche(n, titleOf)] })
    } else {
      for (const s of fc.sections) {
        for (const f of s.fields) {
          const a = fieldArticle(o, f, id)
          if (a) out.push(a)
        }
        out.push(...blockArticles(`${atFiche(o)}, à la rubrique ${q(s.label)}`, s.blocks, id))
      }
    }
  }
  if (o.denomination.filiere !== n.denomination.filiere && n.denomination.filiere !== null) {
    out.push({ kind: 'deplacement', ficheId: id, alineas: [text(`${cap(ficheName(o))} est transférée de la filière ${q(o.denomination.filiere ?? '(aucune)')} à la filière ${q(n.denomination.filiere)}.`)] })
  } else if (fc.moved && fc.newerIndex! > 0) {
    out.push({ kind: 'deplacement', ficheId: id, alineas: [text(`${cap(ficheName(o))} est placée après ${ficheName(c.newer.fiches[fc.newerIndex! - 1]!)}.`)] })
  }
  return out
}

const PART_PLACE: Partial<Record<PartChange['part'], string>> = {
  preamble: "Au préambule de l'accord",
  grid: 'Dans la grille de classification',
  closing: "Aux dispositions finales de l'accord",
  remainder: "Dans les autres dispositions de l'accord",
}

function partArticles(p: PartChange): DraftArticle[] {
  const place = PART_PLACE[p.part]
  if (!place || p.status === 'unchanged') return []
  const out: DraftArticle[] = []
  for (const f of p.fields) {
    if (f.minor) continue
    const show = (v: FieldValue): string => {
      const l = v as { niveau?: string; categorie?: string | null } | null
      return l ? `${l.niveau ?? f.key ?? ''}${l.categorie ? ` (${l.categorie})` : ''}` : ''
    }
    const t = f.old === null ? `${place}, il est ajouté le niveau ${q(show(f.new))}.`
      : f.new === null ? `${place}, le niveau ${q(show(f.old))} est supprimé.`
      : `${place}, la mention : ${q(show(f.old))} est remplacée par la mention : ${q(show(f.new))}.`
    out.push({ kind: 'grille', alineas: [text(t)] })
  }
  const byGroup = new Map<string, BlockChange[]>()
  for (const b of p.blocks) {
    const key = p.part === 'grid' && b.group ? b.group : ''
    byGroup.set(key, [...(byGroup.get(key) ?? []), b])
  }
  for (const [group, blocks] of byGroup) {
    const where = group ? `${place}, au ${q(group)}` : place
    out.push(...blockArticles(where, blocks).map((a) => ({ ...a, kind: p.part === 'grid' ? 'grille' as const : 'texte' as const })))
  }
  return out
}

/** Every change article, in reading order: the grid and preamble first, then the fiches, then the closing parts. */
export function changeArticles(c: ArticleContext): DraftArticle[] {
  const parts = (names: PartChange['part'][]): DraftArticle[] => c.cs.parts.filter((p) => names.includes(p.part)).flatMap(partArticles)
  return [...parts(['preamble', 'grid']), ...c.cs.fiches.flatMap((f) => ficheArticles(f, c)), ...parts(['closing', 'remainder'])]
}

/** How many typographic changes the comparison holds (none becomes an article). */
export function typographicCount(cs: ChangeSet): number {
  let n = 0
  const seg = (s: Segment): void => {
    if (s.minor && s.op === 'ins') n++
  }
  for (const f of cs.fiches) for (const s of f.sections) {
    for (const b of s.blocks) b.segments.forEach(seg)
    for (const fc of s.fields) if (fc.minor) n++
  }
  for (const p of cs.parts) for (const b of p.blocks) b.segments.forEach(seg)
  return n
}
