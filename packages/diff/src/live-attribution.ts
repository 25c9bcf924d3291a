/**
 * « Proposé par » against the live text: there is no version between the
 * older version and the draft to credit, but each fiche's attributed update
 * log says who typed what since. The server replays that log into one chain
 * per changed fiche — the fiche in the older version, then the fiche as
 * each organisation's run of updates left it — and this credits each change
 * of the comparison to the organisation whose run introduced it, with
 * `attributeChanges` on that fiche alone. A fiche whose replayed chain does
 * not end on the same redline as the comparison (the log moved on
 * meanwhile) keeps no author rather than a wrong one.
 */
import { emptyTexte, type Fiche } from '@paritaire/schema'
import { attributeChanges, type ChainLink } from './attribution.ts'
import type { ChangeSet, DiffOptions, FicheChange, VersionMeta } from './change-set.ts'

/** One changed fiche's chain: its key in the compared texts and its states, oldest first (null: absent). */
export interface FicheChain {
  key: string
  links: { meta: VersionMeta; fiche: Fiche | null }[]
}

/** What must be equal for the chain's redline to be the comparison's (authors aside). */
const shape = (f: FicheChange): string =>
  JSON.stringify([f.status, f.sections.map((s) => [s.section, s.fields.map((x) => [x.field, x.key, x.old, x.new]), s.blocks.map((b) => [b.status, b.segments])])])

/** Credits the changes of `cs` (older version → live text) along each fiche's chain; returns `cs`, changed in place. */
export function creditLiveChanges(cs: ChangeSet, chains: readonly FicheChain[], options: DiffOptions = {}): ChangeSet {
  for (const chain of chains) {
    const fc = cs.fiches.find((f) => f.newerId === chain.key)
    if (!fc || fc.status === 'unchanged' || chain.links.length < 2) continue
    const links: ChainLink[] = chain.links.map((l) => ({
      meta: l.meta,
      texte: { ...emptyTexte(''), fiches: l.fiche ? [{ ...l.fiche, id: chain.key }] : [] },
    }))
    const mini = attributeChanges(links, { ignoreTypography: options.ignoreTypography ?? cs.options.ignoreTypography })
    const credited = mini.fiches.find((f) => f.newerId === chain.key)
    if (!credited || shape(credited) !== shape(fc)) continue
    if (credited.author) fc.author = credited.author
    fc.sections.forEach((s, i) => {
      const from = credited.sections[i]!
      s.fields.forEach((f, j) => {
        const c = from.fields[j]!
        if (c.author) f.author = c.author
        if (c.contributors) f.contributors = c.contributors
      })
      s.blocks.forEach((b, j) => {
        const c = from.blocks[j]!
        if (c.author) b.author = c.author
      })
    })
    for (const c of cs.classementChanges) {
      if (c.ficheId !== chain.key) continue
      const field = fc.sections.flatMap((s) => s.fields).find((f) => f.field === `classement.${c.field}` && f.key === c.key)
      if (field?.author) c.author = field.author
    }
  }
  return cs
}
