/**
 * Import of a source (plain text of any corpus family, KALI JSON, a Word
 * file) into a branch of a negotiation: the schema package's importer builds
 * a Texte, whose fiches become live fiches and whose other parts join the
 * branch's text parts. Into a branch that already has fiches, the new ones
 * are appended — a fiche whose identity (key) is already there is added
 * under a new key and reported as a conflict — or, in `replace` mode,
 * matched by identity and replaced, each replacement reported: nothing
 * already there is overwritten silently. Returns the counts, what was done
 * to which fiche, and the importer's warnings and notes.
 */
import {
  type Block, type DocxComment, type Fiche, type GridLevel, type SourceImportResult, type Texte, type TrackedChange,
} from '@paritaire/schema'
import type { ImportFamily } from '@paritaire/schema'
import type { AppContext } from '../context.ts'
import { AppError } from '../errors.ts'
import { listFiches } from '../repos/fiche.repo.ts'
import { listMembers } from '../repos/negotiation.repo.ts'
import { saveText } from '../repos/text.repo.ts'
import { textePartsOf } from './texte-parts.ts'
import type { SessionIdentity } from '../repos/session.repo.ts'
import { ANY_ROLE, effectiveRole, requireNegotiationRole, requireWriteRole } from './access.ts'
import { audit } from './audit.ts'
import { readBranchTexte, writeBranchTexte } from './branch-content.ts'
import { branchOwner, ficheSummary, invalidContent, type FicheSummary } from './fiches.ts'
import { validateTexte, type ImportWarning } from './schema-bridge.ts'
import { applyRevisions, mapAuthors, originalWithIdentities, unmappedAuthorsError, type AuthorMapping, type RevisionOutcome } from './import-revisions.ts'

export type ImportMode = 'append' | 'replace'

export interface IdentityConflict {
  /** The imported fiche's identity, already used in the branch. */
  key: string
  intitule: string
  /** `append`: the key the imported fiche got instead; `replace`: the same key, replaced. */
  storedAs: string
  resolution: 'added-under-new-key' | 'replaced'
}

export interface ImportOutcome {
  family: string | null
  format: string
  created: number
  /** Fiches of the branch after the import. */
  fiches: FicheSummary[]
  /** Keys of the fiches this import added, and of those it replaced. */
  added: string[]
  replaced: string[]
  conflicts: IdentityConflict[]
  warnings: ImportWarning[]
  notes: string[]
  /** Word: tracked changes, their authors (and those matching no organisation), comments. */
  docx: {
    changes: TrackedChange[]; authors: string[]; unknownAuthors: string[]; comments: DocxComment[]
    /** Each Word author with the organisation its changes and comments are attributed to. */
    authorMapping: AuthorMapping[]
    /** Amendments and threads created (empty in a preview). */
    amendments: RevisionOutcome['amendments']; threads: RevisionOutcome['threads']
  } | null
  /** True when nothing was stored (`preview`). */
  preview?: boolean
}

export interface ImportOptions {
  fileName?: string
  family?: ImportFamily
  proposalId?: string | null
  mode?: ImportMode
  section?: string
  idcc?: string
  /** Names of the negotiation's organisations, to recognise Word authors. */
  organisations?: readonly string[]
  /** Word author → organisation (id or name) chosen by the importer; other authors are guessed by name. */
  authors?: Record<string, string>
  /** Read and report, store nothing (the import screen's preview, for mapping Word authors). */
  preview?: boolean
}

/** Parsing a large source is CPU work: it runs in the worker pool, off the event loop, in turn with other users' jobs. */
async function runImporter(ctx: AppContext, who: SessionIdentity, source: string | Uint8Array, options: ImportOptions): Promise<SourceImportResult> {
  let out
  try {
    out = await ctx.workers.run(who.user.id, 'import', {
      source,
      options: {
        ...(options.fileName ? { fileName: options.fileName } : {}),
        ...(options.family ? { family: options.family } : {}),
        ...(options.section ? { section: options.section } : {}),
        ...(options.idcc ? { idcc: options.idcc } : {}),
        ...(options.organisations ? { knownAuthors: options.organisations } : {}),
      },
    })
  } catch (err) {
    if (err instanceof AppError && err.status !== 422) throw err
    throw new AppError(422, 'import_illisible', "Le texte n'a pas pu être importé : son format n'est pas reconnu.")
  }
  if (!out.ok) {
    throw new AppError(422, `import_${out.code.toLowerCase()}`, out.message.replace('avec --family', 'avec le paramètre ?family=').replace('avec --section', 'avec le paramètre ?section='))
  }
  return out.result
}

export async function importIntoNegotiation(
  ctx: AppContext, who: SessionIdentity, negotiationId: string, source: string | Uint8Array, options: ImportOptions = {},
): Promise<ImportOutcome> {
  const { role } = await requireNegotiationRole(ctx, who, negotiationId, ANY_ROLE)
  const proposalId = options.proposalId ?? null
  const owner = await branchOwner(ctx, negotiationId, proposalId)
  requireWriteRole(effectiveRole(role, owner, who.organisation.id))
  if (typeof source === 'string' ? source.trim() === '' : source.length === 0) throw new AppError(400, 'texte_vide', 'Le texte à importer est vide.')
  const db = ctx.database.db
  const members = (await listMembers(db, negotiationId)).map((m) => ({ id: m.organisation.id, name: m.organisation.name }))
  const result = await runImporter(ctx, who, source, { ...options, organisations: options.organisations ?? members.map((m) => m.name) })
  const checked = validateTexte(result.texte)
  if (!checked.ok) throw invalidContent('import_invalide', 'Le texte importé est invalide', checked.issues)
  const { docx } = result
  const mapping = docx ? mapAuthors(docx.changes, docx.comments, members, options.authors ?? {}) : []
  const existing = await listFiches(db, negotiationId, proposalId)
  const mode = options.mode ?? 'append'
  const notes = [...result.notes]
  // Word tracked changes: the fiches are stored without them, the changes added as amendments below.
  const stored = docx && docx.changes.length > 0 ? originalWithIdentities(checked.value, docx.original) : null
  if (docx && docx.changes.length > 0 && !stored) notes.push('Les modifications suivies ajoutent ou retirent des fiches : le texte est importé avec les modifications acceptées, sans amendements.')
  const imported = stored ?? checked.value
  const merge = existing.length === 0
    ? { texte: imported, added: imported.fiches.map((f) => f.id), replaced: [] as string[], conflicts: [] as IdentityConflict[] }
    : mergeImport((await readBranchTexte(ctx, negotiationId, proposalId)).texte, imported, mode)
  const docxView = (revisions: RevisionOutcome | null): ImportOutcome['docx'] => docx
    ? { changes: docx.changes, authors: docx.authors, unknownAuthors: mapping.filter((m) => !m.organisation).map((m) => m.name), comments: docx.comments, authorMapping: mapping, amendments: revisions?.amendments ?? [], threads: revisions?.threads ?? [] }
    : null
  if (options.preview) {
    return {
      family: result.family, format: result.format, created: merge.added.length,
      fiches: merge.texte.fiches.filter((f) => merge.added.includes(f.id) || merge.replaced.includes(f.id)).map((f) => ({ id: '', key: f.id, intitule: f.denomination.intitule, filiere: f.denomination.filiere, coefficient: f.classement.coefficient } as unknown as FicheSummary)),
      added: merge.added, replaced: merge.replaced, conflicts: merge.conflicts, warnings: result.warnings, notes, docx: docxView(null), preview: true,
    }
  }
  const refused = unmappedAuthorsError(mapping)
  if (refused) throw refused
  const actor = { userId: who.user.id, organisationId: who.organisation.id }
  await writeBranchTexte(ctx, actor, negotiationId, proposalId, merge.texte)
  let revisions: RevisionOutcome | null = null
  if (docx && (docx.changes.length > 0 || docx.comments.length > 0)) {
    const branch = await readBranchTexte(ctx, negotiationId, proposalId)
    const keys = [...merge.added, ...merge.replaced]
    const fiches = imported.fiches.flatMap((f, i) => {
      // The merge may have stored an imported fiche under a new key (identity conflict).
      const key = merge.conflicts.find((c) => c.key === f.id && c.resolution === 'added-under-new-key')?.storedAs ?? f.id
      const ficheId = branch.ficheIds[key]
      const accepted = checked.value.fiches[i]
      return ficheId && accepted && keys.includes(key) ? [{ key, ficheId, original: { ...f, id: key }, accepted: { ...accepted, id: key } }] : []
    })
    revisions = await applyRevisions(ctx, who, {
      negotiationId, fiches, changes: stored ? docx.changes : [], comments: docx.comments, mapping,
    })
    notes.push(...revisions.notes)
    // Only the text parts: rewriting the fiches would go through their canonical form, without the amendments.
    if (revisions.remainder.length > 0) await saveText(db, negotiationId, proposalId, textePartsOf({ ...branch.texte, remainder: [...branch.texte.remainder, ...revisions.remainder] }))
  }
  await audit(db, who, 'texte.import', {
    negotiationId, type: 'negotiation', id: negotiationId,
    details: {
      format: result.format, family: result.family, mode: existing.length === 0 ? 'empty' : mode,
      added: merge.added.length, replaced: merge.replaced.length, conflicts: merge.conflicts.length, warnings: result.warnings.length,
      ...(revisions ? { amendments: revisions.amendments.reduce((n, a) => n + a.ids.length, 0), threads: revisions.threads.length, authors: mapping.map((m) => ({ author: m.name, organisationId: m.organisation?.id ?? null, source: m.source })) } : {}),
    },
  })
  const rows = await listFiches(db, negotiationId, proposalId)
  return {
    family: result.family,
    format: result.format,
    created: merge.added.length,
    fiches: rows.map((r) => ficheSummary(r, r.content as Fiche)),
    added: merge.added,
    replaced: merge.replaced,
    conflicts: merge.conflicts,
    warnings: result.warnings,
    notes,
    docx: docxView(revisions),
  }
}

/**
 * The branch's text with an imported text added: fiches appended after the
 * existing ones (or, in `replace` mode, put in place of the fiche with the
 * same identity); the imported text parts appended to the existing ones,
 * grid levels added when their level is new (an existing level keeps its
 * definition, the imported one joins the grid's text). Pure.
 */
export function mergeImport(current: Texte, imported: Texte, mode: ImportMode): {
  texte: Texte; added: string[]; replaced: string[]; conflicts: IdentityConflict[]
} {
  const fiches = [...current.fiches]
  const index = new Map(fiches.map((f, i) => [f.id, i]))
  const used = new Set(index.keys())
  const added: string[] = []
  const replaced: string[] = []
  const conflicts: IdentityConflict[] = []
  for (const fiche of imported.fiches) {
    const at = index.get(fiche.id)
    if (at !== undefined && mode === 'replace' && !replaced.includes(fiche.id)) {
      fiches[at] = fiche
      replaced.push(fiche.id)
      conflicts.push({ key: fiche.id, intitule: fiche.denomination.intitule, storedAs: fiche.id, resolution: 'replaced' })
      continue
    }
    let key = fiche.id
    for (let n = 2; used.has(key); n++) key = `${fiche.id}-${n}`
    if (key !== fiche.id) conflicts.push({ key: fiche.id, intitule: fiche.denomination.intitule, storedAs: key, resolution: 'added-under-new-key' })
    used.add(key)
    fiches.push(key === fiche.id ? fiche : { ...fiche, id: key })
    added.push(key)
  }
  const levels: GridLevel[] = [...current.grid.levels]
  const gridText: Block[] = [...current.grid.content]
  for (const level of imported.grid.levels) {
    if (!levels.some((l) => l.niveau === level.niveau)) levels.push(level)
    else if (JSON.stringify(levels.find((l) => l.niveau === level.niveau)) !== JSON.stringify(level)) {
      gridText.push({ type: 'paragraph', content: [{ text: `Niveau ${level.niveau} (texte importé)`, marks: ['bold'] }] }, ...level.definition)
    }
  }
  gridText.push(...imported.grid.content)
  return {
    texte: {
      ...current,
      title: current.title || imported.title,
      idcc: current.idcc ?? imported.idcc,
      family: current.family ?? imported.family,
      preamble: [...current.preamble, ...imported.preamble],
      grid: { levels, content: gridText },
      fiches,
      closing: [...current.closing, ...imported.closing],
      remainder: [...current.remainder, ...imported.remainder],
    },
    added, replaced, conflicts,
  }
}
