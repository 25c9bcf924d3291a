/**
 * Canonical fiche ⇄ editor (TipTap/ProseMirror) JSON. The editor document is
 * `ficheDoc` holding the six section nodes in order; structured fields live in
 * section attributes, prose in paragraph/bulletList blocks, and a few fields
 * that are text a negotiator edits in place get their own nodes (`intitule`,
 * contenu groups with their `groupeTitre`, the acces items). Each rich-text
 * part of a section is `block+` in the editor, so canonical `[]` is one empty
 * paragraph there; the way back drops empty paragraphs (canonical form), which
 * makes canonical → editor → canonical an identity.
 *
 * The reverse direction is lenient (it reads JSON that Yjs or a paste may have
 * produced: missing attributes, marks in any order) but refuses a document
 * that lacks a section, with a ConversionError. Pending amendments (suggestion
 * marks, field proposals) are left out: see ../amendments.
 */
import type { JSONContent } from '@tiptap/core'
import { SECTION_LABELS, SECTION_NAMES } from '../section-names.ts'
import type { Block, Fiche, FicheLink, Inline, ListItem, Mark, RichText, SectionName } from '../model.ts'
import { NODE } from '../editor/names.ts'
import { normalizeFiche } from './canonical.ts'
import { ConversionError } from './errors.ts'
import { withoutPendingAmendments } from '../amendments/operations.ts'

// ---------------------------------------------------------------- to editor

function inlinesToJson(runs: readonly Inline[]): JSONContent[] {
  const out: JSONContent[] = []
  for (const run of runs) {
    const marks = run.marks.map((type) => ({ type }))
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) out.push(marks.length ? { type: NODE.hardBreak, marks } : { type: NODE.hardBreak })
      if (part !== '') out.push(marks.length ? { type: NODE.text, text: part, marks } : { type: NODE.text, text: part })
    })
  }
  return out
}

function paragraphJson(runs: readonly Inline[]): JSONContent {
  const content = inlinesToJson(runs)
  return content.length ? { type: NODE.paragraph, content } : { type: NODE.paragraph }
}

function listItemJson(item: ListItem): JSONContent {
  const content = [paragraphJson(item.content)]
  if (item.children.length > 0) content.push(bulletListJson(item.children))
  return { type: NODE.listItem, content }
}

function bulletListJson(items: readonly ListItem[]): JSONContent {
  return { type: NODE.bulletList, content: items.map(listItemJson) }
}

/** `block+`: canonical empty rich text is one empty paragraph in the editor. */
function richTextJson(blocks: RichText): JSONContent[] {
  if (blocks.length === 0) return [{ type: NODE.paragraph }]
  return blocks.map((b) => (b.type === 'paragraph' ? paragraphJson(b.content) : bulletListJson(b.items)))
}

function plainTextNode(type: string, text: string | null): JSONContent {
  return text ? { type, content: [{ type: NODE.text, text }] } : { type }
}

/** The editor document of a canonical fiche. */
export function ficheToEditorJson(fiche: Fiche): JSONContent {
  const { denomination: d, objet: o, contenu: c, classement: k, acces: a, evolution: e } = fiche
  return {
    type: NODE.doc,
    content: [
      {
        type: 'denomination',
        attrs: { appellations: [...d.appellations], code: d.code, filiere: d.filiere, sousFamille: d.sousFamille },
        content: [plainTextNode(NODE.intitule, d.intitule), ...richTextJson(d.content)],
      },
      { type: 'objet', attrs: { memesFonctionsQue: o.memesFonctionsQue }, content: richTextJson(o.content) },
      {
        type: 'contenu',
        content: [
          ...richTextJson(c.content),
          ...c.groups.map((g) => ({
            type: NODE.contenuGroupe,
            content: [plainTextNode(NODE.groupeTitre, g.titre), ...(g.items.length ? [bulletListJson(g.items)] : [])],
          })),
        ],
      },
      {
        type: 'classement',
        attrs: {
          categorie: k.categorie,
          niveau: k.niveau,
          echelon: k.echelon,
          degres: [...k.degres],
          coefficient: k.coefficient,
          criteres: k.criteres.map((x) => ({ ...x })),
          paliers: k.paliers.map((p) => ({ ...p })),
          periodeMaximale: k.periodeMaximale,
        },
        content: richTextJson(k.content),
      },
      {
        type: 'acces',
        content: [...(a.items.length ? [{ type: NODE.accesItems, content: [bulletListJson(a.items)] }] : []), ...richTextJson(a.content)],
      },
      {
        type: 'evolution',
        attrs: { verticale: e.verticale.map((l) => ({ ...l })), transversale: e.transversale.map((l) => ({ ...l })) },
        content: richTextJson(e.content),
      },
    ],
  }
}

// -------------------------------------------------------------- from editor

const KNOWN_MARKS: readonly string[] = ['bold', 'italic']

/** The child nodes of a JSON node; anything that is not an object (a damaged document) is skipped. */
function children(node: JSONContent | null | undefined): JSONContent[] {
  if (node === null || typeof node !== 'object' || !Array.isArray(node.content)) return []
  return node.content.filter((child): child is JSONContent => child !== null && typeof child === 'object' && !Array.isArray(child))
}

function jsonToInlines(nodes: readonly JSONContent[]): Inline[] {
  const out: Inline[] = []
  for (const node of nodes) {
    const marks = (Array.isArray(node.marks) ? node.marks : [])
      .map((m: unknown) => (m !== null && typeof m === 'object' ? (m as { type?: unknown }).type : undefined))
      .filter((t): t is Mark => typeof t === 'string' && KNOWN_MARKS.includes(t))
    if (node.type === NODE.text && typeof node.text === 'string') out.push({ text: node.text, marks })
    else if (node.type === NODE.hardBreak) out.push({ text: '\n', marks })
    else out.push(...jsonToInlines(children(node)))
  }
  return out
}

/** Plain text of any node (for intitule-like nodes, and pasted nodes we do not know). */
function textOf(node: JSONContent | undefined): string {
  return jsonToInlines(children(node)).map((r) => r.text).join('')
}

function jsonToListItem(node: JSONContent): ListItem {
  const content: Inline[] = []
  const nested: ListItem[] = []
  let paragraphs = 0
  for (const child of children(node)) {
    if (child.type === NODE.bulletList) nested.push(...children(child).map(jsonToListItem))
    else {
      // A list item holds one paragraph; should a paste bring more, keep their text on new lines.
      if (paragraphs++ > 0) content.push({ text: '\n', marks: [] })
      content.push(...jsonToInlines(children(child)))
    }
  }
  return { content, children: nested }
}

function jsonToBlocks(nodes: readonly JSONContent[]): Block[] {
  return nodes.map((node): Block =>
    node.type === NODE.bulletList
      ? { type: 'bulletList', items: children(node).map(jsonToListItem) }
      : { type: 'paragraph', content: jsonToInlines(node.type === NODE.paragraph ? children(node) : [node]) },
  )
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null
}

function int(value: unknown): number | null {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value)
  return null
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(str).filter((s): s is string => s !== null) : []
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object') : []
}

function links(value: unknown): FicheLink[] {
  return objects(value).map((l) => ({ label: str(l.label) ?? '', code: str(l.code), ficheId: str(l.ficheId) }))
}

/**
 * The canonical fiche of an editor document (the `ficheDoc` JSON, as
 * `editor.getJSON()` or Yjs give it). Throws ConversionError when a section is missing.
 */
export function editorJsonToFiche(editorJson: JSONContent, id: string): Fiche {
  // Canonical JSON is the wording as it stands: pending amendments are not part of it.
  const json = withoutPendingAmendments(editorJson)
  const sections = new Map<string, JSONContent>()
  for (const node of children(json)) if (typeof node.type === 'string' && !sections.has(node.type)) sections.set(node.type, node)
  const section = (name: SectionName): { attrs: Record<string, unknown>; nodes: JSONContent[] } => {
    const node = sections.get(name)
    if (!node) throw new ConversionError('editor.section_missing', `La section ${SECTION_LABELS[name]} manque dans le document de l’éditeur.`)
    const attrs: unknown = node.attrs
    return { attrs: attrs !== null && typeof attrs === 'object' ? (attrs as Record<string, unknown>) : {}, nodes: children(node) }
  }
  for (const name of SECTION_NAMES) section(name)

  const d = section('denomination')
  const o = section('objet')
  const c = section('contenu')
  const k = section('classement')
  const a = section('acces')
  const e = section('evolution')
  const isNot = (...types: string[]) => (n: JSONContent) => !types.includes(n.type ?? '')

  return normalizeFiche({
    id,
    denomination: {
      intitule: d.nodes.filter((n) => n.type === NODE.intitule).map(textOf).join(''),
      appellations: strings(d.attrs.appellations),
      code: str(d.attrs.code),
      filiere: str(d.attrs.filiere),
      sousFamille: str(d.attrs.sousFamille),
      content: jsonToBlocks(d.nodes.filter(isNot(NODE.intitule))),
    },
    objet: { content: jsonToBlocks(o.nodes), memesFonctionsQue: str(o.attrs.memesFonctionsQue) },
    contenu: {
      groups: c.nodes
        .filter((n) => n.type === NODE.contenuGroupe)
        .map((g) => ({
          titre: children(g).filter((n) => n.type === NODE.groupeTitre).map(textOf).join(''),
          items: children(g)
            .filter((n) => n.type === NODE.bulletList)
            .flatMap((list) => children(list).map(jsonToListItem)),
        })),
      content: jsonToBlocks(c.nodes.filter(isNot(NODE.contenuGroupe))),
    },
    classement: {
      categorie: str(k.attrs.categorie),
      niveau: str(k.attrs.niveau),
      echelon: int(k.attrs.echelon),
      degres: strings(k.attrs.degres),
      coefficient: int(k.attrs.coefficient),
      criteres: objects(k.attrs.criteres).map((x) => ({ critere: str(x.critere) ?? '', valeur: int(x.valeur) ?? -1 })),
      paliers: objects(k.attrs.paliers).map((p) => ({ palier: str(p.palier) ?? '', niveau: str(p.niveau), coefficient: int(p.coefficient) })),
      periodeMaximale: str(k.attrs.periodeMaximale),
      content: jsonToBlocks(k.nodes),
    },
    acces: {
      items: a.nodes
        .filter((n) => n.type === NODE.accesItems)
        .flatMap((w) => children(w).flatMap((list) => children(list).map(jsonToListItem))),
      content: jsonToBlocks(a.nodes.filter(isNot(NODE.accesItems))),
    },
    evolution: { verticale: links(e.attrs.verticale), transversale: links(e.attrs.transversale), content: jsonToBlocks(e.nodes) },
  })
}
