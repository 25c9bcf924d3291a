/**
 * "Who proposed what": given the chain of versions between two points of a
 * negotiation, diff the first against the last, then attribute each change
 * to the organisation whose version introduced it — the earliest version
 * from which the final value (or wording) held until the end. Fiches are
 * followed through the chain by the pairings of each consecutive diff.
 * Attribution is per field and per paragraph/item, not per word.
 */
import type { Fiche, SectionName, Texte } from '@paritaire/schema'
import type { Author, ChangeSet, DiffOptions, FicheChange, FieldChange, FieldValue, PartChange, VersionMeta } from './change-set.ts'
import { sectionUnits } from './fiche-diff.ts'
import { nameKey } from './fields.ts'
import { diffTextes, partUnits } from './texte-diff.ts'
import { typographyKey } from './typography.ts'
import type { Unit } from './units.ts'
import { sideText } from './word-diff.ts'

export interface ChainLink {
  meta: VersionMeta
  texte: Texte
}

type Trace = (Fiche | null)[]

export function attributeChanges(chain: readonly ChainLink[], options: DiffOptions = {}): ChangeSet {
  if (chain.length < 2) throw new Error('attributeChanges : il faut au moins deux versions à comparer.')
  const first = chain[0]!
  const last = chain[chain.length - 1]!
  const cs = diffTextes(first.texte, last.texte, { ...options, olderMeta: first.meta, newerMeta: last.meta })
  if (chain.length === 2) return cs

  // Pairings of each consecutive step: newer index → older index, and back.
  const back: Map<number, number>[] = []
  const forward: Map<number, number>[] = []
  for (let i = 0; i + 1 < chain.length; i++) {
    const step = diffTextes(chain[i]!.texte, chain[i + 1]!.texte, { ignoreTypography: options.ignoreTypography ?? false })
    const b = new Map<number, number>()
    const f = new Map<number, number>()
    for (const fc of step.fiches) {
      if (fc.olderIndex !== null && fc.newerIndex !== null) {
        b.set(fc.newerIndex, fc.olderIndex)
        f.set(fc.olderIndex, fc.newerIndex)
      }
    }
    back.push(b)
    forward.push(f)
  }
  const authorAt = (v: number): Author | undefined => {
    const m = chain[v]!.meta
    return m.organisation ? { organisation: m.organisation, date: m.date ?? null, ...(m.person ? { person: m.person } : {}) } : undefined
  }

  /** The same fiche in every version, or null where it does not exist. */
  function trace(fc: FicheChange): Trace {
    const out: Trace = new Array(chain.length).fill(null)
    if (fc.newerIndex !== null) {
      let idx: number | undefined = fc.newerIndex
      for (let v = chain.length - 1; v >= 0 && idx !== undefined; v--) {
        out[v] = chain[v]!.texte.fiches[idx] ?? null
        idx = v > 0 ? back[v - 1]!.get(idx) : undefined
      }
    } else if (fc.olderIndex !== null) {
      let idx: number | undefined = fc.olderIndex
      for (let v = 0; v < chain.length && idx !== undefined; v++) {
        out[v] = chain[v]!.texte.fiches[idx] ?? null
        idx = v + 1 < chain.length ? forward[v]!.get(idx) : undefined
      }
    }
    return out
  }

  /** Earliest version from which `holds` stays true to the end (≥ 1). */
  const introducedAt = (holds: (v: number) => boolean): number => {
    let j = chain.length - 1
    while (j - 1 >= 1 && holds(j - 1)) j--
    return j
  }

  const attributeField = (f: FieldChange, valueAt: (v: number) => string): void => {
    const final = valueAt(chain.length - 1)
    const j = introducedAt((v) => valueAt(v) === final)
    const a = authorAt(j)
    if (a) f.author = a
    const orgs = new Set<string>()
    for (let v = 1; v < chain.length; v++) {
      const org = chain[v]!.meta.organisation
      if (org && valueAt(v) !== valueAt(v - 1)) orgs.add(org)
    }
    f.contributors = [...orgs]
  }

  const attributeBlocks = (blocks: FicheChange['sections'][number]['blocks'], unitsAt: (v: number) => Unit[] | null): void => {
    const keysAt = new Map<number, Set<string>>()
    const has = (v: number, text: string): boolean => {
      let keys = keysAt.get(v)
      if (!keys) {
        keys = new Set((unitsAt(v) ?? []).map((u) => typographyKey(u.text)))
        keysAt.set(v, keys)
      }
      return keys.has(typographyKey(text))
    }
    for (const b of blocks) {
      if (b.status === 'equal') continue
      const j = b.status === 'removed'
        ? introducedAt((v) => !has(v, sideText(b.segments, 'old')))
        : introducedAt((v) => has(v, sideText(b.segments, 'new')))
      const a = authorAt(j)
      if (a) b.author = a
    }
  }

  for (const fc of cs.fiches) {
    if (fc.status === 'unchanged') continue
    const t = trace(fc)
    const present = (v: number): boolean => t[v] !== null
    const j = fc.status === 'removed' ? introducedAt((v) => !present(v)) : fc.status === 'added' ? introducedAt(present) : chain.length - 1
    const fa = authorAt(fc.status === 'added' || fc.status === 'removed' ? j : lastChange(t))
    if (fa) fc.author = fa
    for (const s of fc.sections) {
      for (const f of s.fields) attributeField(f, (v) => JSON.stringify(fieldValue(t[v] ?? null, f, chain[v]!.texte)))
      attributeBlocks(s.blocks, (v) => (t[v] ? sectionUnits(s.section as SectionName, t[v]!) : null))
    }
  }
  for (const p of cs.parts) attributePart(p)
  function attributePart(p: PartChange): void {
    for (const f of p.fields) attributeField(f, (v) => JSON.stringify(partFieldValue(chain[v]!.texte, f)))
    if (p.part === 'title' || p.part === 'idcc') return
    const part = p.part
    attributeBlocks(p.blocks, (v) => partUnits(chain[v]!.texte, part))
  }

  /** The newest version in which the fiche differs from the one before. */
  function lastChange(t: Trace): number {
    for (let v = chain.length - 1; v >= 1; v--) {
      if (JSON.stringify(withoutId(t[v] ?? null)) !== JSON.stringify(withoutId(t[v - 1] ?? null))) return v
    }
    return chain.length - 1
  }

  for (const c of cs.classementChanges) {
    const fc = cs.fiches.find((f) => (f.newerId ?? f.olderId) === c.ficheId)
    const field = fc?.sections.flatMap((s) => s.fields).find((f) => f.field === `classement.${c.field}` && f.key === c.key)
    if (field?.author) c.author = field.author
  }
  return cs
}

const withoutId = (f: Fiche | null): unknown => (f ? { ...f, id: undefined, objet: { ...f.objet, memesFonctionsQue: null } } : null)

/** The value of a field change's field in one version of the fiche. */
function fieldValue(f: Fiche | null, change: FieldChange, texte: Texte): FieldValue | undefined {
  if (!f) return undefined
  const key = change.key === undefined ? null : nameKey(change.key)
  const c = f.classement
  switch (change.field) {
    case 'classement.criteres':
      return c.criteres.find((x) => nameKey(x.critere) === key)?.valeur ?? null
    case 'classement.paliers': {
      const p = c.paliers.find((x) => nameKey(x.palier) === key)
      return p ? { niveau: p.niveau, coefficient: p.coefficient } : null
    }
    case 'evolution.verticale':
    case 'evolution.transversale': {
      const links = change.field === 'evolution.verticale' ? f.evolution.verticale : f.evolution.transversale
      const l = links.find((x) => nameKey(x.code ?? x.label) === key)
      return l ? `${l.label}|${l.code ?? ''}` : null
    }
    case 'objet.memesFonctionsQue': {
      const id = f.objet.memesFonctionsQue
      return id === null ? null : texte.fiches.find((x) => x.id === id)?.denomination.intitule ?? id
    }
    default: {
      const [section, name] = change.field.split('.') as [keyof Fiche, string]
      const value = (f[section] as unknown as Record<string, FieldValue> | undefined)?.[name]
      return value ?? null
    }
  }
}

function partFieldValue(t: Texte, change: FieldChange): FieldValue {
  if (change.field === 'title') return t.title
  if (change.field === 'idcc') return t.idcc
  const key = change.key === undefined ? null : nameKey(change.key)
  const level = t.grid.levels.find((l) => nameKey(l.niveau) === key)
  return level ? level.categorie ?? '' : null
}
