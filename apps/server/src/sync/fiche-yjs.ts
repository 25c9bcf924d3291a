/**
 * The fiche-specific Yjs operations the live documents need, taken from
 * `@paritaire/schema` (the one place that knows how a fiche maps onto the
 * TipTap Y.XmlFragment): the structure check run on every incoming update,
 * the seeding of a fiche's first Yjs state, the conversion back to canonical
 * JSON, and the REST write as one Yjs transaction. They are resolved at run
 * time (the schema package is written in parallel): while a helper is
 * missing, the operation that needs it fails with a French message instead
 * of the whole server failing to start.
 */
import * as Y from 'yjs'
import * as schema from '@paritaire/schema'
import type { Fiche } from '@paritaire/schema'
import type { FicheYjs, StructureFault } from './document.ts'

interface SchemaYjs {
  checkFicheStructure(doc: Y.Doc): StructureFault | null
  ficheToYDoc(fiche: Fiche, doc?: Y.Doc): Y.Doc
  yDocToFiche(doc: Y.Doc, id: string): Fiche
  replaceFicheInYDoc(doc: Y.Doc, fiche: Fiche, origin?: unknown): void
  validateFiche(value: unknown): { ok: true; value: Fiche } | { ok: false; issues: { message: string }[] }
}

function helper<K extends keyof SchemaYjs>(name: K): SchemaYjs[K] {
  const value = (schema as unknown as Record<string, unknown>)[name]
  if (typeof value !== 'function') throw new Error(`@paritaire/schema ne fournit pas encore ${name}`)
  return value as SchemaYjs[K]
}

export const ficheYjs: FicheYjs = {
  checkStructure(doc) {
    return helper('checkFicheStructure')(doc)
  },
  rootNames() {
    return [ficheYDocField()]
  },
  seedState(content, ficheId) {
    const checked = helper('validateFiche')({ ...(content as object), id: ficheId })
    if (!checked.ok) {
      const first = checked.issues[0]
      throw new Error(`fiche ${ficheId} : contenu invalide, impossible de créer son document (${first?.message ?? ''})`)
    }
    return Y.encodeStateAsUpdate(helper('ficheToYDoc')(checked.value))
  },
  toContent(doc, ficheId) {
    try {
      return helper('yDocToFiche')(doc, ficheId)
    } catch {
      return undefined
    }
  },
}

/** Replaces the whole fiche in `doc` as one Yjs transaction with `origin`. */
export function replaceFiche(doc: Y.Doc, fiche: Fiche, origin: unknown): void {
  helper('replaceFicheInYDoc')(doc, fiche, origin)
}

/** Canonical JSON of a document (throws when it cannot be read as a fiche). */
export function readFiche(doc: Y.Doc, ficheId: string): Fiche {
  return helper('yDocToFiche')(doc, ficheId)
}

/** The name of the Y.XmlFragment holding the fiche (TipTap's Collaboration field). */
export function ficheYDocField(): string {
  const field = (schema as unknown as Record<string, unknown>).FICHE_YDOC_FIELD
  if (typeof field !== 'string') throw new Error('@paritaire/schema ne fournit pas encore FICHE_YDOC_FIELD')
  return field
}
