/**
 * Canonical form: the one JSON shape a given fiche content may take, so that
 * two equal fiches serialise to the same bytes, round trips are identities and
 * hashes of versions are stable. The rules (also in docs/schema.md):
 * - inline runs are never empty, their marks are sorted and unique, and two
 *   adjacent runs never carry the same marks (they are merged);
 * - a hard break is a `\n` inside a run; it carries the marks of the text
 *   before it in the same block (or after it, when it starts the block), since
 *   a line break has no visible emphasis of its own;
 * - a paragraph is never empty, a bullet list never has zero items, and two
 *   bullet lists are never adjacent (they read as one list, so they are one);
 * - a nullable string is `null`, never `''`; string lists hold no `''`.
 * The normalise functions are pure and idempotent; they assume the value has
 * the model's shape (validate first for untrusted input).
 */
import type { ActivityGroup, Block, Fiche, FicheLink, Inline, ListItem, Mark, RichText, Texte } from '../model.ts'

const MARK_ORDER: readonly Mark[] = ['bold', 'italic']

function normalizeMarks(marks: readonly Mark[]): Mark[] {
  return MARK_ORDER.filter((m) => marks.includes(m))
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i])
}

/** Splits runs so that every `\n` is its own segment, then gives each newline the marks of its neighbour. */
function assignHardBreakMarks(runs: Inline[]): Inline[] {
  const segments: { text: string; marks: Mark[]; newline: boolean }[] = []
  for (const run of runs) {
    for (const part of run.text.split(/(\n+)/)) {
      if (part !== '') segments.push({ text: part, marks: run.marks, newline: part.startsWith('\n') })
    }
  }
  let previous: Mark[] | null = null
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    if (!segment.newline) {
      previous = segment.marks
      continue
    }
    if (previous) segment.marks = previous
    else segment.marks = segments.slice(i + 1).find((s) => !s.newline)?.marks ?? []
  }
  return segments.map((s) => ({ text: s.text, marks: s.marks }))
}

/** Canonical runs: no empty text, sorted marks, hard breaks marked like their neighbour, equal neighbours merged. */
export function normalizeInlines(runs: readonly Inline[]): Inline[] {
  const cleaned = runs.filter((r) => r.text !== '').map((r) => ({ text: r.text, marks: normalizeMarks(r.marks) }))
  const out: Inline[] = []
  for (const run of assignHardBreakMarks(cleaned)) {
    const last = out[out.length - 1]
    if (last && sameMarks(last.marks, run.marks)) last.text += run.text
    else out.push({ text: run.text, marks: [...run.marks] })
  }
  return out
}

export function normalizeListItem(item: ListItem): ListItem {
  return { content: normalizeInlines(item.content), children: normalizeListItems(item.children) }
}

export function normalizeListItems(items: readonly ListItem[]): ListItem[] {
  return items.map(normalizeListItem)
}

/** Canonical rich text: no empty paragraph, no empty list, adjacent lists merged. */
export function normalizeRichText(blocks: readonly Block[]): RichText {
  const out: RichText = []
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const content = normalizeInlines(block.content)
      if (content.length > 0) out.push({ type: 'paragraph', content })
      continue
    }
    const items = normalizeListItems(block.items)
    if (items.length === 0) continue
    const last = out[out.length - 1]
    if (last?.type === 'bulletList') last.items.push(...items)
    else out.push({ type: 'bulletList', items })
  }
  return out
}

/** `''` means "nothing" for an optional field: canonically that is `null`. */
export function normalizeNullable(value: string | null): string | null {
  return value === null || value === '' ? null : value
}

function normalizeStrings(values: readonly string[]): string[] {
  return values.filter((v) => v !== '')
}

function normalizeLink(link: FicheLink): FicheLink {
  return { label: link.label, code: normalizeNullable(link.code), ficheId: normalizeNullable(link.ficheId) }
}

function normalizeGroup(group: ActivityGroup): ActivityGroup {
  return { titre: normalizeNullable(group.titre), items: normalizeListItems(group.items) }
}

/** The canonical form of a fiche (a new object; the argument is not modified). */
export function normalizeFiche(fiche: Fiche): Fiche {
  const { denomination: d, objet: o, contenu: c, classement: k, acces: a, evolution: e } = fiche
  return {
    id: fiche.id,
    denomination: {
      intitule: d.intitule,
      appellations: normalizeStrings(d.appellations),
      code: normalizeNullable(d.code),
      filiere: normalizeNullable(d.filiere),
      sousFamille: normalizeNullable(d.sousFamille),
      content: normalizeRichText(d.content),
    },
    objet: { content: normalizeRichText(o.content), memesFonctionsQue: normalizeNullable(o.memesFonctionsQue) },
    contenu: { groups: c.groups.map(normalizeGroup), content: normalizeRichText(c.content) },
    classement: {
      categorie: normalizeNullable(k.categorie),
      niveau: normalizeNullable(k.niveau),
      echelon: k.echelon,
      degres: normalizeStrings(k.degres),
      coefficient: k.coefficient,
      criteres: k.criteres.map((x) => ({ critere: x.critere, valeur: x.valeur })),
      paliers: k.paliers.map((p) => ({ palier: p.palier, niveau: normalizeNullable(p.niveau), coefficient: p.coefficient })),
      periodeMaximale: normalizeNullable(k.periodeMaximale),
      content: normalizeRichText(k.content),
    },
    acces: { items: normalizeListItems(a.items), content: normalizeRichText(a.content) },
    evolution: {
      verticale: e.verticale.map(normalizeLink),
      transversale: e.transversale.map(normalizeLink),
      content: normalizeRichText(e.content),
    },
  }
}

/** The canonical form of a whole text. */
export function normalizeTexte(texte: Texte): Texte {
  return {
    schemaVersion: texte.schemaVersion,
    title: texte.title,
    idcc: normalizeNullable(texte.idcc),
    family: texte.family,
    preamble: normalizeRichText(texte.preamble),
    grid: {
      levels: texte.grid.levels.map((l) => ({
        niveau: l.niveau,
        categorie: normalizeNullable(l.categorie),
        definition: normalizeRichText(l.definition),
      })),
      content: normalizeRichText(texte.grid.content),
    },
    fiches: texte.fiches.map(normalizeFiche),
    closing: normalizeRichText(texte.closing),
    remainder: normalizeRichText(texte.remainder),
  }
}
