/**
 * « Historique de la fiche », pure: the attributed update log of one fiche
 * (each row: sequence, user, organisation, time, Yjs update) grouped by
 * person and by sitting — a person's sitting ends when more than 30 minutes
 * pass between two of their updates — and each group made into a redline.
 * People edit at the same time, so groups interleave; a group's redline is
 * therefore "the text as it would be without this group's updates" against
 * "the text with them", both taken at the group's last update: the
 * colleagues' changes made meanwhile are on both sides and do not show, and
 * what the group typed or deleted does. Replay goes through Y.Docs (never
 * `Y.mergeUpdates` over the whole log): one pass over the log gives each
 * group's starting state, then only the group's window is replayed twice.
 */
import * as Y from 'yjs'
import { emptyFiche, yDocToFiche, type Fiche } from '@paritaire/schema'
import { diffFiches, type ChangeSet } from '@paritaire/diff'

export const SITTING_GAP_MS = 30 * 60 * 1000

export interface AttributedUpdate {
  seq: number
  userId: string | null
  organisationId: string | null
  createdAt: Date
  data: Uint8Array
}

export interface Sitting {
  /** The first sequence number of the group: its stable id. */
  id: number
  userId: string | null
  organisationId: string | null
  from: Date
  to: Date
  /** The group's sequence numbers, in order. */
  seqs: number[]
}

const personKey = (u: { userId: string | null; organisationId: string | null }) => `${u.userId ?? ''}|${u.organisationId ?? ''}`

/**
 * Groups updates by person and sitting, in order of each group's first
 * update. Row 1 holds the fiche's first state (its creation or import): it
 * is a group of its own, so that its author's later edits read as edits.
 */
export function groupSittings(updates: readonly AttributedUpdate[], gapMs = SITTING_GAP_MS): Sitting[] {
  const sorted = [...updates].sort((a, b) => a.seq - b.seq)
  const open = new Map<string, Sitting>()
  const groups: Sitting[] = []
  for (const u of sorted) {
    const key = personKey(u)
    const current = u.seq === 1 ? undefined : open.get(key)
    if (current && current.id !== 1 && u.createdAt.getTime() - current.to.getTime() <= gapMs) {
      current.seqs.push(u.seq)
      if (u.createdAt > current.to) current.to = u.createdAt
      continue
    }
    const group: Sitting = { id: u.seq, userId: u.userId, organisationId: u.organisationId, from: u.createdAt, to: u.createdAt, seqs: [u.seq] }
    open.set(key, group)
    groups.push(group)
  }
  return groups
}

export interface SittingRedline {
  sitting: Sitting
  before: Fiche | null
  after: Fiche | null
  changes: ChangeSet | null
  /** Paragraphs, items and fields that changed. */
  modifications: number
}

function docFrom(state: Uint8Array | null, updates: Iterable<Uint8Array>): Y.Doc {
  const doc = new Y.Doc()
  if (state) Y.applyUpdate(doc, state)
  for (const u of updates) Y.applyUpdate(doc, u)
  return doc
}

function ficheOf(doc: Y.Doc, ficheId: string): Fiche | null {
  try {
    return yDocToFiche(doc, ficheId)
  } catch {
    return null
  } finally {
    doc.destroy()
  }
}

/** Paragraphs, list items, group titles and fields that changed in a fiche change set. */
export function countModifications(cs: ChangeSet): number {
  let n = 0
  for (const f of cs.fiches) {
    for (const s of f.sections) {
      n += s.fields.length
      n += s.blocks.filter((b) => b.status !== 'equal').length
    }
  }
  return n
}

/**
 * The redline of each wanted group (all when `only` is absent). `base` is the
 * state the first row applies to (null when the log starts from nothing).
 */
export function sittingRedlines(
  ficheId: string, updates: readonly AttributedUpdate[], groups: readonly Sitting[], base: Uint8Array | null = null,
  only?: ReadonlySet<number>,
): SittingRedline[] {
  const sorted = [...updates].sort((a, b) => a.seq - b.seq)
  const index = new Map(sorted.map((u, i) => [u.seq, i]))
  const wanted = groups.filter((g) => !only || only.has(g.id))
  const starts = new Set(wanted.map((g) => g.id))
  const prefix = new Map<number, Uint8Array>()
  // One pass: the state just before each wanted group's first update.
  const running = docFrom(base, [])
  for (const u of sorted) {
    if (starts.has(u.seq)) prefix.set(u.seq, Y.encodeStateAsUpdate(running))
    Y.applyUpdate(running, u.data)
  }
  running.destroy()
  return wanted.map((sitting) => {
    const first = index.get(sitting.seqs[0]!)!
    const last = index.get(sitting.seqs[sitting.seqs.length - 1]!)!
    const mine = new Set(sitting.seqs)
    const window = sorted.slice(first, last + 1)
    const start = prefix.get(sitting.id) ?? null
    // Before the creation row there is no fiche yet: compare with an empty one.
    const before = sitting.id === 1 && !base ? emptyFiche(ficheId) : ficheOf(docFrom(start, window.filter((u) => !mine.has(u.seq)).map((u) => u.data)), ficheId)
    const after = ficheOf(docFrom(start, window.map((u) => u.data)), ficheId)
    const changes = before && after ? diffFiches(before, after) : null
    return { sitting, before, after, changes, modifications: changes ? countModifications(changes) : 0 }
  })
}

const PARIS = 'Europe/Paris'
const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: PARIS })
const yearFormat = new Intl.DateTimeFormat('fr-FR', { year: 'numeric', timeZone: PARIS })
const timeParts = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: PARIS })

/** « 14 h 05 » */
export function frenchTime(d: Date): string {
  const parts = timeParts.formatToParts(d)
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00'
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00'
  return `${Number(hour)} h ${minute}`
}

/**
 * « Karim Benali (CGT), 12 mars, 14 h 05–14 h 20 : 3 modifications » — the
 * year is added when it is not `now`'s; a name that already says the
 * organisation is not repeated; no count when it was not measured (null).
 */
export function sittingLabel(
  who: { name: string | null; organisation: string | null }, from: Date, to: Date, modifications: number | null, now = new Date(),
): string {
  const name = who.name ?? 'Système'
  const person = who.organisation && !name.includes(who.organisation) ? `${name} (${who.organisation})` : name
  const day = dayFormat.format(from) + (yearFormat.format(from) === yearFormat.format(now) ? '' : ` ${yearFormat.format(from)}`)
  const fromTime = frenchTime(from)
  const toTime = frenchTime(to)
  const span = dayFormat.format(from) === dayFormat.format(to) ? (fromTime === toTime ? fromTime : `${fromTime}–${toTime}`) : `${fromTime} – ${dayFormat.format(to)} ${toTime}`
  const head = `${person}, ${day}, ${span}`
  if (modifications === null) return head
  const count = modifications === 0 ? 'aucune modification visible' : `${modifications} modification${modifications > 1 ? 's' : ''}`
  return `${head} : ${count}`
}
