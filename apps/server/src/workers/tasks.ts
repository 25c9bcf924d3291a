/**
 * The CPU-heavy jobs the server runs off its event loop, as pure functions of
 * structured-cloneable input: the redline (diff + rendering, up to a DOCX)
 * and the import of a source text. `worker.ts` runs them in worker threads;
 * the pool can also run them in-process (size 0), which tests use to compare.
 */
import {
  amendedFiche, attributeChanges, diffTextes, grilleRows, renderAmendmentTableauDocx, renderAmendmentTableauHtml, renderGrilleSvg, renderInlineHtml, renderRedlineDocx, renderTableauDocx, renderTableauHtml, renderText, embeddedStyles,
  creditLiveChanges, type ChainLink, type FicheChain, type RedlineThread, type VersionMeta,
} from '@paritaire/diff'
import { ImportError, importSource, type SourceImportOptions, type SourceImportResult, type Texte } from '@paritaire/schema'

export interface RedlineInput {
  older: Texte
  newer: Texte
  olderMeta: VersionMeta
  newerMeta: VersionMeta
  /** When set, changes are attributed along this chain of versions (oldest first) instead. */
  chain: ChainLink[] | null
  ignoreTypography: boolean
  /** Typography-only fiches on one line (tableau, inline view, text). */
  foldTypography: boolean
  format: 'json' | 'html' | 'table' | 'text' | 'docx' | 'table-docx' | 'grille' | 'screen'
  /** With `screen`: the view drawn beside the change set. */
  view?: 'inline' | 'tableau' | 'grille'
  title: string
  /** Shared discussion threads, as Word comments of the `docx` redline. */
  threads?: RedlineThread[]
  /** Against the live text: each changed fiche's states by organisation, to credit its changes. */
  liveChains?: FicheChain[]
}

/** What to send: text (JSON, HTML or plain) or bytes (DOCX), plus the new version's label for the file name. */
export type RedlineOutput = { kind: 'text'; body: string; newerLabel: string } | { kind: 'bytes'; body: Uint8Array; newerLabel: string }

export async function redline(input: RedlineInput): Promise<RedlineOutput> {
  const options = { ignoreTypography: input.ignoreTypography }
  const cs = input.chain
    ? attributeChanges(input.chain, options)
    : diffTextes(input.older, input.newer, { ...options, olderMeta: input.olderMeta, newerMeta: input.newerMeta })
  if (input.liveChains && !input.chain) creditLiveChanges(cs, input.liveChains, options)
  const newerLabel = cs.newer?.label ?? ''
  const title = input.title || `Comparaison : ${cs.older?.label ?? ''} → ${newerLabel}`
  const fold = input.foldTypography
  switch (input.format) {
    case 'json': return { kind: 'text', body: JSON.stringify(cs), newerLabel }
    case 'screen': return { kind: 'text', body: JSON.stringify({ changeSet: cs, html: screenHtml(cs, input) }), newerLabel }
    case 'html': return { kind: 'text', body: renderInlineHtml(cs, { document: true, title, foldTypography: fold }), newerLabel }
    case 'table': return { kind: 'text', body: renderTableauHtml(cs, { comments: true, title: 'Tableau comparatif', foldTypography: fold }), newerLabel }
    case 'text': return { kind: 'text', body: renderText(cs, { foldTypography: fold }), newerLabel }
    case 'grille': return { kind: 'text', body: renderGrilleSvg(grilleRows(input.newer, input.older, cs), { title: `Grille des coefficients — ${cs.older?.label ?? ''} → ${newerLabel}` }), newerLabel }
    case 'docx': return { kind: 'bytes', body: await renderRedlineDocx(cs, input.older, input.newer, { title, ...(input.threads ? { threads: input.threads } : {}) }), newerLabel }
    case 'table-docx': return { kind: 'bytes', body: await renderTableauDocx(cs, { comments: true, title: 'Tableau comparatif', foldTypography: fold }), newerLabel }
  }
}

/** The compare screen's view as a fragment to embed in the page, with its styles. */
function screenHtml(cs: ReturnType<typeof diffTextes>, input: RedlineInput): string {
  const body = input.view === 'grille' ? renderGrilleSvg(grilleRows(input.newer, input.older, cs), { title: 'Grille des coefficients' })
    : input.view === 'tableau' ? renderTableauHtml(cs, { fragment: true, foldTypography: input.foldTypography })
      : renderInlineHtml(cs, { foldTypography: input.foldTypography })
  return `${embeddedStyles()}${body}`
}

export interface ImportInput {
  source: string | Uint8Array
  options: SourceImportOptions
}

/** An importer's refusal (`ImportError`) comes back as data, so that its code survives the thread boundary. */
export type ImportOutput = { ok: true; result: SourceImportResult } | { ok: false; code: string; message: string }

export async function importTask(input: ImportInput): Promise<ImportOutput> {
  try {
    return { ok: true, result: importSource(input.source, input.options) }
  } catch (err) {
    if (err instanceof ImportError) return { ok: false, code: err.code, message: err.message }
    throw err
  }
}

export interface AmendmentTableauInput {
  title: string
  at: string
  /** Each fiche's editor JSON, pending amendments included, in text order. */
  fiches: { id: string; json: Parameters<typeof amendedFiche>[1] }[]
  format: 'html' | 'docx'
}

/** The tableau des amendements: the marks read into rows, then HTML or a DOCX with tracked changes. */
export async function amendmentTableau(input: AmendmentTableauInput): Promise<RedlineOutput> {
  const tableau = { title: input.title, at: input.at, fiches: input.fiches.map((f) => amendedFiche(f.id, f.json)) }
  return input.format === 'docx'
    ? { kind: 'bytes', body: await renderAmendmentTableauDocx(tableau), newerLabel: '' }
    : { kind: 'text', body: renderAmendmentTableauHtml(tableau), newerLabel: '' }
}

export const TASKS = { redline, import: importTask, amendmentTableau } as const
export type TaskName = keyof typeof TASKS
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0]
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>
