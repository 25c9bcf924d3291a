/**
 * The CPU-heavy jobs the server runs off its event loop, as pure functions of
 * structured-cloneable input: the redline (diff + rendering, up to a DOCX)
 * and the import of a source text. `worker.ts` runs them in worker threads;
 * the pool can also run them in-process (size 0), which tests use to compare.
 */
import {
  attributeChanges, diffTextes, renderDocx, renderInlineHtml, renderTableauDocx, renderTableauHtml, renderText,
  type ChainLink, type VersionMeta,
} from '@paritaire/diff'
import { importTexte, type Texte } from '@paritaire/schema'

export interface RedlineInput {
  older: Texte
  newer: Texte
  olderMeta: VersionMeta
  newerMeta: VersionMeta
  /** When set, changes are attributed along this chain of versions (oldest first) instead. */
  chain: ChainLink[] | null
  ignoreTypography: boolean
  format: 'json' | 'html' | 'table' | 'text' | 'docx' | 'table-docx'
  title: string
}

/** What to send: text (JSON, HTML or plain) or bytes (DOCX), plus the new version's label for the file name. */
export type RedlineOutput = { kind: 'text'; body: string; newerLabel: string } | { kind: 'bytes'; body: Uint8Array; newerLabel: string }

export async function redline(input: RedlineInput): Promise<RedlineOutput> {
  const options = { ignoreTypography: input.ignoreTypography, includeUnchanged: input.format === 'docx' }
  const cs = input.chain
    ? attributeChanges(input.chain, options)
    : diffTextes(input.older, input.newer, { ...options, olderMeta: input.olderMeta, newerMeta: input.newerMeta })
  const newerLabel = cs.newer?.label ?? ''
  const title = input.title || `Comparaison : ${cs.older?.label ?? ''} → ${newerLabel}`
  switch (input.format) {
    case 'json': return { kind: 'text', body: JSON.stringify(cs), newerLabel }
    case 'html': return { kind: 'text', body: renderInlineHtml(cs, { document: true, title }), newerLabel }
    case 'table': return { kind: 'text', body: renderTableauHtml(cs, { comments: true, title: 'Tableau comparatif' }), newerLabel }
    case 'text': return { kind: 'text', body: renderText(cs), newerLabel }
    case 'docx': return { kind: 'bytes', body: await renderDocx(cs, { title, includeUnchanged: true }), newerLabel }
    case 'table-docx': return { kind: 'bytes', body: await renderTableauDocx(cs, { comments: true, title: 'Tableau comparatif' }), newerLabel }
  }
}

export interface ImportInput {
  source: string
  options: Parameters<typeof importTexte>[1]
}

export async function importSource(input: ImportInput): Promise<ReturnType<typeof importTexte>> {
  return importTexte(input.source, input.options)
}

export const TASKS = { redline, import: importSource } as const
export type TaskName = keyof typeof TASKS
export type TaskInput<N extends TaskName> = Parameters<(typeof TASKS)[N]>[0]
export type TaskOutput<N extends TaskName> = Awaited<ReturnType<(typeof TASKS)[N]>>
