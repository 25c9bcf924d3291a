/**
 * A Word file's tracked changes and comments brought in as what they are in
 * a negotiation: each change a pending amendment of the organisation its
 * author speaks for, each comment a shared thread of that organisation on
 * the words it covers. The fiches are stored as the file read *without* the
 * changes, and the difference to the text *with* them is added as
 * amendments (the same word-level plan as bringing a proposal back), each
 * change attributed through its Word author.
 *
 * Authors are mapped to member organisations by the importer (one select
 * per author in the import screen), defaulting to a guess by name («
 * Karim Benali (CGT) » → CGT). An author mapped to none refuses the import
 * (see `unmappedAuthorsError`): an amendment must belong to an
 * organisation, and accepting or dropping a party's changes silently would
 * decide for the table. What the plan cannot carry (a paragraph added, a
 * field that has no amendment form, changes outside the fiches, a comment
 * whose words are not found) is reported in the notes and kept in the
 * text's reliquat: nothing from the file is lost.
 */
import type { Block, DocxComment, Fiche, Texte, TrackedChange } from '@paritaire/schema'
import { ficheToEditorJson, SECTION_NAMES, type SectionName } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { newId } from '../ids.ts'
import { insertComment, insertThread } from '../repos/thread.repo.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { editEditorJson } from '../sync/live-edit.ts'
import type { EditorNodeJson } from '../sync/update-rules.ts'
import { audit } from './audit.ts'
import { planBringBack, SECTION_TITLES } from './bring-back-plan.ts'
import { anchorFromQuote } from './thread-anchors.ts'
import { publishThreadChange } from './thread-events.ts'
import { withFicheDoc } from './threads.ts'

export interface MemberOrganisation {
  id: string
  name: string
}

export interface AuthorMapping {
  /** The Word author as written in the file. */
  name: string
  changes: number
  comments: number
  /** The organisation it is mapped to (given, or guessed), or null. */
  organisation: MemberOrganisation | null
  /** `given` by the importer, `guessed` from the name, or `none`. */
  source: 'given' | 'guessed' | 'none'
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

/** The organisation whose name the author holds (« Karim Benali (CGT) », « CFDT Banques »): the longest name found as whole words. */
export function guessOrganisation(author: string, organisations: readonly MemberOrganisation[]): MemberOrganisation | null {
  const words = ` ${fold(author)} `
  let best: MemberOrganisation | null = null
  for (const o of organisations) {
    const name = fold(o.name)
    if (name && words.includes(` ${name} `) && (!best || name.length > fold(best.name).length)) best = o
  }
  return best
}

/** Every author of the file with its organisation: the importer's choice (by organisation id or name), else the guess. */
export function mapAuthors(
  changes: readonly TrackedChange[], comments: readonly DocxComment[], organisations: readonly MemberOrganisation[], given: Record<string, string>,
): AuthorMapping[] {
  const names: string[] = []
  for (const a of [...changes.map((c) => c.author), ...comments.map((c) => c.author)]) if (!names.includes(a)) names.push(a)
  return names.map((name) => {
    const choice = given[name]
    const chosen = choice ? organisations.find((o) => o.id === choice || fold(o.name) === fold(choice)) ?? null : null
    if (choice && !chosen) throw new AppError(400, 'auteur_organisation_inconnue', `L’auteur Word « ${name} » est associé à « ${choice} », qui n’est pas une organisation de la négociation.`, ['authors'])
    const guessed = chosen ? null : guessOrganisation(name, organisations)
    return {
      name,
      changes: changes.filter((c) => c.author === name).length,
      comments: comments.filter((c) => c.author === name).length,
      organisation: chosen ?? guessed,
      source: chosen ? 'given' : guessed ? 'guessed' : 'none',
    }
  })
}

export function unmappedAuthorsError(mapping: readonly AuthorMapping[]): AppError | null {
  const missing = mapping.filter((m) => !m.organisation)
  if (missing.length === 0) return null
  return new AppError(422, 'auteurs_non_associes',
    `Associez chaque auteur du document Word à une organisation de la négociation avant d’importer : ${missing.map((m) => `« ${m.name} »`).join(', ')}. `
    + 'Ses modifications suivies deviennent des amendements de cette organisation et ses commentaires des discussions : sans organisation, elles ne peuvent être ni proposées ni décidées.',
    ['authors'], { authors: missing.map((m) => m.name) })
}

/**
 * The text to store for a Word file with tracked changes: its fiches as read
 * without the changes (under the identities of the text with them, which the
 * merge and the report use), the rest as read with them when nothing else
 * changed. Null when the two readings do not pair fiche by fiche (a change
 * added or removed a fiche): the text with the changes is stored then, and
 * the notes say so.
 */
export function originalWithIdentities(accepted: Texte, original: Texte | null): Texte | null {
  if (!original || original.fiches.length !== accepted.fiches.length) return null
  return { ...accepted, fiches: original.fiches.map((f, i) => ({ ...f, id: accepted.fiches[i]!.id })) }
}

interface RevisionInput {
  negotiationId: string
  /** Imported fiches: key in the branch → [as stored (without the changes), with the changes]. */
  fiches: { key: string; ficheId: string; original: Fiche; accepted: Fiche }[]
  changes: readonly TrackedChange[]
  comments: readonly DocxComment[]
  mapping: readonly AuthorMapping[]
}

export interface RevisionOutcome {
  amendments: { key: string; ficheId: string; ids: string[] }[]
  threads: { key: string; ficheId: string; threadId: string; quote: string }[]
  notes: string[]
  /** What could not be carried, for the text's reliquat. */
  remainder: Block[]
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase()

/** Adds the amendments and threads to the stored fiches (through the live documents). */
export async function applyRevisions(ctx: AppContext, who: SessionIdentity, input: RevisionInput): Promise<RevisionOutcome> {
  const out: RevisionOutcome = { amendments: [], threads: [], notes: [], remainder: [] }
  const orgOf = (author: string) => input.mapping.find((m) => m.name === author)?.organisation ?? null
  const now = new Date().toISOString()
  const attributionOf = (c: TrackedChange | undefined) => {
    const org = c ? orgOf(c.author) : null
    const date = c?.date ? new Date(c.date) : null
    return {
      organisationId: org?.id ?? who.organisation.id, organisationName: org?.name ?? who.organisation.name, userId: who.user.id,
      authorName: c?.author ?? who.user.name, createdAt: date && !Number.isNaN(date.getTime()) ? date.toISOString() : now,
    }
  }
  /** The tracked change a hunk of the plan comes from: the one holding its words, else the first of the right kind. */
  const changeFor = (deleted: string, inserted: string): TrackedChange | undefined => {
    const d = norm(deleted)
    const i = norm(inserted)
    const holds = (c: TrackedChange, words: string, type: 'ins' | 'del') => words !== '' && c.type === type && norm(c.text).includes(words)
    return input.changes.find((c) => holds(c, i, 'ins') || holds(c, d, 'del'))
      ?? input.changes.find((c) => (i !== '' && c.type === 'ins' && i.includes(norm(c.text))) || (d !== '' && c.type === 'del' && d.includes(norm(c.text))))
      ?? input.changes.find((c) => c.type === (i ? 'ins' : 'del'))
      ?? input.changes[0]
  }
  const author = { attribution: attributionOf(input.changes[0]), newId, attributionFor: (d: string, i: string) => attributionOf(changeFor(d, i)) }
  for (const f of input.fiches) {
    if (JSON.stringify(f.original) === JSON.stringify({ ...f.accepted, id: f.original.id })) continue
    const base = ficheToEditorJson(f.original) as EditorNodeJson
    const proposal = ficheToEditorJson({ ...f.accepted, id: f.original.id }) as EditorNodeJson
    let created: string[] = []
    let unresolved: { section: string; message: string }[] = []
    await editEditorJson(ctx, f.ficheId, (live) => {
      const plan = planBringBack(base, proposal, live, author)
      created = plan.created
      unresolved = plan.unresolved
      return plan.result ?? live
    })
    if (created.length) out.amendments.push({ key: f.key, ficheId: f.ficheId, ids: created })
    for (const u of unresolved) {
      const message = `Fiche « ${f.accepted.denomination.intitule} », modification suivie non reprise en amendement — ${u.message}`
      out.notes.push(message)
      out.remainder.push({ type: 'paragraph', content: [{ text: `${message} (section ${SECTION_TITLES[u.section] ?? u.section} du document avec les modifications : voir le fichier Word)`, marks: [] }] })
    }
  }
  for (const comment of input.comments) {
    const org = orgOf(comment.author)
    const placed = org && comment.anchor ? await placeComment(ctx, input.fiches, comment.anchor) : null
    const date = comment.date ? new Date(comment.date) : null
    const signed = `${comment.text}\n\n— Commentaire Word de ${comment.author}${date && !Number.isNaN(date.getTime()) ? `, ${date.toLocaleDateString('fr-FR')}` : ''}`
    if (!org || !placed) {
      const message = `Commentaire Word de ${comment.author} sur « ${comment.anchor.slice(0, 80)} » : passage introuvable dans les fiches importées, conservé dans le reliquat.`
      out.notes.push(message)
      out.remainder.push({ type: 'paragraph', content: [{ text: `${message} ${comment.text}`, marks: [] }] })
      continue
    }
    const id = newId()
    await ctx.database.db.transaction().execute(async (trx) => {
      await insertThread(trx, {
        id, ficheId: placed.ficheId, negotiationId: input.negotiationId, visibility: 'negotiation', organisationId: org.id,
        authorUserId: who.user.id, section: placed.section, anchorStart: placed.anchor.start, anchorEnd: placed.anchor.end, quote: comment.anchor.slice(0, 2000),
      })
      await insertComment(trx, { id: newId(), threadId: id, authorUserId: who.user.id, organisationId: org.id, body: signed.slice(0, 5000) })
      await audit(trx, who, 'thread.open', { negotiationId: input.negotiationId, type: 'thread', id, details: { ficheId: placed.ficheId, import: 'docx', wordAuthor: comment.author } })
    })
    await publishThreadChange(ctx, { ficheId: placed.ficheId, threadId: id })
    out.threads.push({ key: placed.key, ficheId: placed.ficheId, threadId: id, quote: comment.anchor })
  }
  return out
}

/** The first imported fiche and section holding the comment's words exactly once. */
async function placeComment(ctx: AppContext, fiches: RevisionInput['fiches'], exact: string) {
  for (const f of fiches) {
    const found = await withFicheDoc(ctx, f.ficheId, (doc) => {
      for (const section of SECTION_NAMES as readonly SectionName[]) {
        const r = anchorFromQuote(doc, { section, exact })
        if (r.ok) return { anchor: r.anchor, section }
      }
      return null
    })
    if (found) return { key: f.key, ficheId: f.ficheId, ...found }
  }
  return null
}
