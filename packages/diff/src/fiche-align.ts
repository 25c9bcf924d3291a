/**
 * Matching the fiches of two texts, so that a fiche is compared with itself
 * whatever happened to it. Tiers, each on what the previous left unmatched:
 * 1. the stable id (unless the two fiches share neither title, coefficient
 *    nor much content — imports may number fiches by position);
 * 2. filière + normalised title + coefficient, then looser keys (title +
 *    coefficient: it moved to another filière; filière + title: its
 *    coefficient changed; the title alone);
 * 3. similarity of content (Jaccard over words), best pairs first.
 * What is left is really added or removed.
 */
import type { Fiche, ListItem, RichText } from '@paritaire/schema'
import type { MatchKind } from './change-set.ts'
import { jaccard, wordKeySet } from './tokens.ts'
import { normaliseTitle } from './typography.ts'
import { inlineText } from './units.ts'

export interface FicheMatch {
  o: number
  n: number
  match: MatchKind
  similarity?: number
}

const SIMILARITY_THRESHOLD = 0.5
/** An id match is distrusted below this similarity when title and coefficient differ too. */
const ID_DISTRUST = 0.2
const MAX_COMPARISONS = 60_000

/** Every word of a fiche, for similarity. */
export function ficheWords(f: Fiche): Set<string> {
  // The texts of the fiche's units (units.ts), in their order, without
  // making the units: only their words are wanted here.
  const texts = [f.denomination.intitule, ...f.denomination.appellations]
  richTexts(texts, f.denomination.content)
  richTexts(texts, f.objet.content)
  for (const g of f.contenu.groups) {
    if (g.titre !== null) texts.push(g.titre)
    itemTexts(texts, g.items)
  }
  richTexts(texts, f.contenu.content)
  richTexts(texts, f.classement.content)
  itemTexts(texts, f.acces.items)
  richTexts(texts, f.acces.content)
  richTexts(texts, f.evolution.content)
  return wordKeySet(texts.join(' '))
}

function richTexts(out: string[], rt: RichText): void {
  for (const block of rt) {
    if (block.type === 'paragraph') out.push(inlineText(block.content))
    else itemTexts(out, block.items)
  }
}

function itemTexts(out: string[], items: readonly ListItem[]): void {
  for (const item of items) {
    out.push(inlineText(item.content))
    itemTexts(out, item.children)
  }
}

export function alignFiches(older: readonly Fiche[], newer: readonly Fiche[]): FicheMatch[] {
  const titles = new Map<Fiche, string>()
  const filieres = new Map<Fiche, string>()
  const title = (f: Fiche): string => titles.get(f) ?? titles.set(f, normaliseTitle(f.denomination.intitule)).get(f)!
  const filiere = (f: Fiche): string =>
    filieres.get(f) ?? filieres.set(f, normaliseTitle(`${f.denomination.filiere ?? ''} ${f.denomination.sousFamille ?? ''}`)).get(f)!
  const matches: FicheMatch[] = []
  const usedO = new Set<number>()
  const usedN = new Set<number>()
  const wordsO = new Map<number, Set<string>>()
  const wordsN = new Map<number, Set<string>>()
  const wo = (i: number): Set<string> => wordsO.get(i) ?? wordsO.set(i, ficheWords(older[i]!)).get(i)!
  const wn = (i: number): Set<string> => wordsN.get(i) ?? wordsN.set(i, ficheWords(newer[i]!)).get(i)!
  const add = (o: number, n: number, match: MatchKind, similarity?: number): void => {
    usedO.add(o)
    usedN.add(n)
    matches.push(similarity === undefined ? { o, n, match } : { o, n, match, similarity })
  }

  // 1. Stable ids. An id pair whose titles differ is dropped when either
  // fiche has a namesake (same title and coefficient) on the other side:
  // the ids were positional (an import), the namesake is the real match.
  const nameOf = (f: Fiche): string => `${title(f)}|${f.classement.coefficient ?? ''}`
  let names: { old: Set<string>; new: Set<string> } | null = null
  const namesake = (f: Fiche, side: 'old' | 'new'): boolean => {
    names ??= { old: new Set(older.map(nameOf)), new: new Set(newer.map(nameOf)) }
    return names[side].has(nameOf(f))
  }
  const newById = new Map<string, number>()
  newer.forEach((f, i) => {
    if (!newById.has(f.id)) newById.set(f.id, i)
  })
  older.forEach((f, o) => {
    const n = newById.get(f.id)
    if (n === undefined || usedN.has(n)) return
    const g = newer[n]!
    // Equal as written, equal once normalised: most pairs need no normalising.
    const sameTitle = f.denomination.intitule === g.denomination.intitule || title(f) === title(g)
    const sameCoef = f.classement.coefficient === g.classement.coefficient
    if (!sameTitle && (namesake(f, 'new') || namesake(g, 'old'))) return
    if (!sameTitle && !sameCoef && jaccard(wo(o), wn(n)) < ID_DISTRUST) return
    add(o, n, 'id')
  })

  // 2. Keys, strictest first.
  const coef = (f: Fiche): string => String(f.classement.coefficient ?? '')
  const tiers: ((f: Fiche) => string | null)[] = [
    (f) => `${filiere(f)}|${title(f)}|${coef(f)}`,
    (f) => `${title(f)}|${coef(f)}`,
    (f) => `${filiere(f)}|${title(f)}`,
    (f) => (title(f) ? title(f) : null),
  ]
  for (const keyOf of tiers) {
    const byKey = new Map<string, number[]>()
    older.forEach((f, o) => {
      if (usedO.has(o)) return
      const k = keyOf(f)
      if (k === null) return
      const list = byKey.get(k)
      if (list) list.push(o)
      else byKey.set(k, [o])
    })
    newer.forEach((f, n) => {
      if (usedN.has(n)) return
      const k = keyOf(f)
      if (k === null) return
      // Same key several times (homonym jobs): k-th with k-th, in order.
      const o = byKey.get(k)?.shift()
      if (o !== undefined) add(o, n, 'key')
    })
  }

  // 3. Similarity of content.
  const restO = older.map((_, i) => i).filter((i) => !usedO.has(i))
  const restN = newer.map((_, i) => i).filter((i) => !usedN.has(i))
  if (restO.length > 0 && restN.length > 0 && restO.length * restN.length <= MAX_COMPARISONS) {
    const candidates: [number, number, number][] = []
    const setsO = restO.map(wo)
    const setsN = restN.map(wn)
    similarities(setsO, setsN, (i, j, s) => {
      if (s >= SIMILARITY_THRESHOLD) candidates.push([s, restO[i]!, restN[j]!])
    })
    candidates.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2])
    for (const [s, o, n] of candidates) {
      if (usedO.has(o) || usedN.has(n)) continue
      add(o, n, 'similarity', Math.round(s * 1000) / 1000)
    }
  }
  return matches
}

/**
 * `jaccard` of every set of `a` with every set of `b`, each pair reported
 * once. Through an index of `b`'s words: each word of an `a` set counts
 * towards the `b` sets holding it, so a pair costs the words they share,
 * not a lookup per word (two imports of one text: every fiche against every
 * other, the most of such a diff). Same intersection sizes, same ratios.
 */
export function similarities(a: readonly ReadonlySet<string>[], b: readonly ReadonlySet<string>[], report: (i: number, j: number, s: number) => void): void {
  const holders = new Map<string, number[]>()
  b.forEach((set, j) => {
    for (const w of set) {
      const list = holders.get(w)
      if (list) list.push(j)
      else holders.set(w, [j])
    }
  })
  const shared = new Int32Array(b.length)
  a.forEach((set, i) => {
    shared.fill(0)
    for (const w of set) {
      const list = holders.get(w)
      if (list) for (let k = 0; k < list.length; k++) shared[list[k]!]!++
    }
    for (let j = 0; j < b.length; j++) {
      const size = set.size + b[j]!.size
      report(i, j, size === 0 ? 1 : shared[j]! / (size - shared[j]!))
    }
  })
}

