/**
 * Seeded edits of canonical texts, for the diff benchmark and the
 * time-bound tests: replace, delete or insert a share of the words of every
 * paragraph and item, move fiches around, or rewrite everything. Same seed,
 * same text, so that runs and machines compare.
 */
import type { Inline, ListItem, RichText, Texte } from '@paritaire/schema'

/** mulberry32: a small, good-enough seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const VOCABULARY = [
  'assure', 'réalise', 'contrôle', 'participe', 'coordonne', 'l’équipe', 'client', 'production', 'qualité', 'gestion',
  'magasin', 'responsable', 'technique', 'commercial', 'suivi', 'dossiers', 'fournisseurs', 'budget', 'sécurité', 'planning',
]

function editText(text: string, share: number, random: () => number): string {
  const words = text.split(' ')
  const out: string[] = []
  for (const w of words) {
    if (random() >= share) {
      out.push(w)
      continue
    }
    const pick = VOCABULARY[Math.floor(random() * VOCABULARY.length)]!
    const op = random()
    if (op < 0.6) out.push(pick) // replace
    else if (op < 0.8) continue // delete
    else out.push(w, pick) // insert
  }
  const result = out.join(' ')
  return result.length > 0 ? result : VOCABULARY[0]!
}

function editInlines(content: Inline[], share: number, random: () => number): void {
  for (const i of content) i.text = editText(i.text, share, random)
}
function editItems(items: ListItem[], share: number, random: () => number): void {
  for (const it of items) {
    editInlines(it.content, share, random)
    editItems(it.children, share, random)
  }
}
function editRich(rt: RichText, share: number, random: () => number): void {
  for (const b of rt) {
    if (b.type === 'paragraph') editInlines(b.content, share, random)
    else editItems(b.items, share, random)
  }
}

/** A copy of the text with `share` (0…1) of its words edited. */
export function editWords(texte: Texte, share: number, seed: number): Texte {
  const t = structuredClone(texte)
  const random = rng(seed)
  editRich(t.preamble, share, random)
  editRich(t.closing, share, random)
  for (const l of t.grid.levels) editRich(l.definition, share, random)
  for (const f of t.fiches) {
    if (share >= 1) f.denomination.intitule = editText(f.denomination.intitule, share, random)
    editRich(f.objet.content, share, random)
    for (const g of f.contenu.groups) editItems(g.items, share, random)
    editRich(f.contenu.content, share, random)
    editRich(f.classement.content, share, random)
    editItems(f.acces.items, share, random)
    editRich(f.acces.content, share, random)
  }
  return t
}

/** A copy of the text with `count` fiches moved elsewhere. */
export function moveFiches(texte: Texte, count: number, seed: number): Texte {
  const t = structuredClone(texte)
  const random = rng(seed)
  for (let k = 0; k < count; k++) {
    const from = Math.floor(random() * t.fiches.length)
    const [f] = t.fiches.splice(from, 1)
    let to = Math.floor(random() * t.fiches.length)
    if (Math.abs(to - from) < 3) to = (to + Math.floor(t.fiches.length / 2)) % t.fiches.length
    t.fiches.splice(to, 0, f!)
  }
  return t
}
