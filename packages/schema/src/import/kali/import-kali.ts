/**
 * `importKali`: a KALI JSON value (see tree.ts) in, a `Texte` out. The part
 * read is the section given (`section`), or for a whole convention its
 * classification part, found by section titles (what was picked, and what
 * else could have been, is said in `notes`). Each article in force is read:
 * its tables by tables.ts, its text by the text families when one is
 * recognised (job lines, numbered jobs), otherwise kept as prose in the
 * text's parts. Every fiche keeps its article's KALI `cid` as its id (alone
 * when the article holds one fiche, with the job's slug when it holds
 * several) and `sources` gives the article `id` of the version read, so two
 * versions of a text align fiche by fiche without guessing.
 */
import { normalizeTexte } from '../../convert/canonical.ts'
import { emptyTexte } from '../../factory.ts'
import { texteSchema, type Block, type Fiche, type Texte } from '../../model.ts'
import { detectFamily } from '../detect.ts'
import { ImportError, type ImportWarning } from '../errors.ts'
import { IdAllocator, slugify } from '../ids.ts'
import { importTexte } from '../import-texte.ts'
import { paragraph } from '../inline.ts'
import { lineSource, readHtml, type HtmlBlock, type HtmlLine } from '../html/read-html.ts'
import { readTable } from './tables.ts'
import { classificationCandidates, findNode, inForce, readKali, type KaliNode } from './tree.ts'

export interface KaliOptions {
  /** CID (or id) of the section to read, instead of finding the classification. */
  section?: string
  /** The convention's IDCC: checked against the file when it says its own. */
  idcc?: string
}

/** Where a fiche comes from in KALI: the stable `cid` and the version's `id`. */
export interface KaliSource {
  ficheId: string
  cid: string
  articleId: string
  num: string | null
}

export interface KaliImport {
  texte: Texte
  warnings: ImportWarning[]
  /** What was read, in French, for the person importing. */
  notes: string[]
  sources: KaliSource[]
  picked: { cid: string; title: string }
}

export function importKali(value: unknown, options: KaliOptions = {}): KaliImport {
  const doc = readKali(value)
  const notes: string[] = []
  const warnings: ImportWarning[] = []
  if (options.idcc && doc.idcc && String(Number(options.idcc)) !== String(Number(doc.idcc))) {
    throw new ImportError('KALI_IDCC_MISMATCH', `Ce fichier KALI est celui de l'IDCC ${doc.idcc}, pas de l'IDCC ${options.idcc}.`)
  }
  let part: KaliNode
  /** The sections read: one, or for a whole convention each part of its classification. */
  let picked: KaliNode[]
  if (options.section) {
    const found = findNode(doc.root, options.section)
    if (!found) throw new ImportError('KALI_SECTION_NOT_FOUND', `Aucune section ni article « ${options.section} » dans ce fichier KALI.`)
    part = found
    picked = [found]
    notes.push(`Partie lue : « ${part.title || part.cid} » (${part.cid}), choisie avec --section.`)
  } else if (doc.whole) {
    const candidates = classificationCandidates(doc.root)
    const best = candidates[0]
    if (!best) {
      throw new ImportError(
        'KALI_NO_CLASSIFICATION',
        "Aucune section de classification trouvée dans cette convention (titres « Classification », « Grille », « Annexe … classification »…) : indiquez la partie à lire avec --section CID.",
      )
    }
    // Every part titled « Classification(s) » of the convention itself (its
    // Titre, its annexes' fonctions repères), not the avenants about it.
    const strong = candidates.filter((c) => c.score >= 4 && c.score >= best.score - 3)
    picked = documentOrder(doc.root, strong.length > 0 ? strong.map((c) => c.node) : [best.node])
    part = picked.length === 1 ? (picked[0] as KaliNode) : doc.root
    for (const node of picked) notes.push(`Partie lue : « ${node.title} » (${node.cid}), trouvée par son titre.`)
    const others = candidates.filter((c) => !picked.includes(c.node)).slice(0, 5).map((c) => `« ${c.node.title.trim()} » (${c.node.cid})`)
    if (others.length > 0) notes.push(`Autres parties possibles, avec --section : ${others.join(' ; ')}${candidates.length > picked.length + 5 ? ' …' : ''}.`)
  } else {
    part = doc.root
    picked = [doc.root]
  }

  const texte = emptyTexte(part.title || doc.root.title)
  if (doc.root !== part && doc.root.title && part.title && !part.title.includes(doc.root.title)) texte.title = `${doc.root.title} — ${part.title}`
  else if (picked.length > 1) texte.title = `${doc.root.title} — Classification`
  texte.idcc = doc.idcc ?? options.idcc ?? null
  const sources: KaliSource[] = []
  const ids = new IdAllocator()
  const parts = { before: [] as Block[], after: [] as Block[] }
  const text = (): Block[] => (texte.fiches.length === 0 ? parts.before : parts.after)

  const visit = (node: KaliNode, depth: number): void => {
    if (!inForce(node)) {
      warnings.push({
        code: 'KALI_NOT_IN_FORCE',
        message: `${node.kind === 'article' ? `Article ${node.num ?? node.cid}` : `Section « ${node.title} »`} (${node.cid}) non lu : il n'est plus en vigueur (${node.etat}).`,
      })
      return
    }
    if (node.kind === 'section') {
      if (node !== part && node.title) text().push(paragraph(node.title.trim(), ['bold']))
      for (const child of node.children) visit(child, depth + 1)
      return
    }
    readArticle(node)
  }

  const readArticle = (article: KaliNode): void => {
    const blocks = readHtml(article.content)
    const fiches: Fiche[] = []
    const prose: Block[] = []
    if (article.num) prose.push(paragraph(`Article ${article.num}`, ['bold']))
    let lines: HtmlLine[] = []
    const flushLines = (): void => {
      if (lines.length === 0) return
      const read = readLines(lines)
      fiches.push(...read.fiches)
      prose.push(...read.blocks)
      for (const w of read.warnings) warnings.push({ ...w, message: `Article ${article.num ?? article.cid} : ${w.message}` })
      lines = []
    }
    for (const block of blocks) {
      if (block.type === 'line') {
        lines.push(block)
        continue
      }
      flushLines()
      const reading = readTable(block)
      fiches.push(...reading.fiches)
      for (const level of reading.levels) {
        if (texte.grid.levels.some((l) => l.niveau === level.niveau)) prose.push(paragraph(`Niveau ${level.niveau}`, ['bold']), ...level.definition)
        else texte.grid.levels.push(level)
      }
      prose.push(...reading.text)
    }
    flushLines()
    const target = fiches.length > 0 && texte.fiches.length === 0 ? parts.before : text()
    target.push(...prose)
    for (const fiche of fiches) {
      fiche.id = fiches.length === 1 ? ids.take(article.cid) : ids.take(article.cid, slugify(fiche.denomination.intitule, 8) || 'fiche')
      sources.push({ ficheId: fiche.id, cid: article.cid, articleId: article.id, num: article.num })
      texte.fiches.push(fiche)
    }
  }

  for (const node of picked) visit(node, 0)
  texte.preamble = parts.before
  texte.grid.content = parts.after
  if (texte.fiches.length === 0) {
    warnings.push({ code: 'NO_FICHE', message: `Aucune fiche reconnue dans « ${part.title || part.cid} » : le texte est importé dans les parties du texte.` })
  }
  return { texte: normalizeTexte(texteSchema.parse(texte)), warnings, notes, sources, picked: { cid: part.cid, title: part.title } }
}

/**
 * An article's text lines through the text families: the fiches of the
 * family recognised, its other parts as prose; prose alone when none is.
 */
function readLines(lines: readonly HtmlLine[]): { fiches: Fiche[]; blocks: Block[]; warnings: ImportWarning[] } {
  const source = lines.map(lineSource).join('\n')
  const family = detectFamily(source)
  if (family) {
    try {
      const { texte, warnings } = importTexte(source, { family })
      if (texte.fiches.length > 0) {
        return {
          fiches: texte.fiches,
          blocks: [...texte.preamble, ...texte.grid.content, ...texte.closing, ...texte.remainder],
          // Line numbers are those of the article's text: not the reader's.
          warnings: warnings.filter((w) => w.code !== 'PAGE_FURNITURE').map(({ line: _line, ...w }) => w),
        }
      }
    } catch (err) {
      if (!(err instanceof ImportError)) throw err
    }
  }
  return { fiches: [], blocks: linesToProse(lines), warnings: [] }
}

/** The nodes given, in the order they appear in the tree. */
function documentOrder(root: KaliNode, nodes: readonly KaliNode[]): KaliNode[] {
  const wanted = new Set(nodes)
  const out: KaliNode[] = []
  const stack = [root]
  while (stack.length > 0) {
    const node = stack.pop() as KaliNode
    if (wanted.has(node)) out.push(node)
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as KaliNode)
  }
  return out
}

function linesToProse(lines: readonly HtmlLine[]): Block[] {
  const blocks: Block[] = []
  for (const line of lines) {
    if (line.bullet !== null) {
      const last = blocks[blocks.length - 1]
      const item = { content: line.runs, children: [] }
      if (last?.type === 'bulletList') last.items.push(item)
      else blocks.push({ type: 'bulletList', items: [item] })
    } else {
      blocks.push({ type: 'paragraph', content: line.runs })
    }
  }
  return blocks
}

export type { HtmlBlock }
