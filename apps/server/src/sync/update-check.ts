/**
 * What an incoming change must pass on the scratch copy before it is
 * accepted: every struct integrated (no dependency missing), no root type
 * other than the fiche's, the six sections in order, then the injected
 * update rules (amendments, locks…). Each check answers a refusal with its
 * close code and a French reason, or null. Pure over the scratch Y.Doc.
 */
import type * as Y from 'yjs'
import { CLOSE, type CloseCode } from './close-codes.ts'
import type { ChangeFacts, EditorNodeJson, UpdateRule, UpdateRuleInput } from './update-rules.ts'

export interface StructureFault {
  code: string
  message: string
}

/** The fiche-specific Yjs operations (from @paritaire/schema), injected so that the sync core stays generic. */
export interface FicheYjs {
  checkStructure(doc: Y.Doc): StructureFault | null
  /** The root types a fiche document may have (the TipTap fragment). */
  rootNames(): readonly string[]
  /** The first Yjs state of a fiche from its canonical JSON. */
  seedState(content: unknown, ficheId: string): Uint8Array
  /** Canonical JSON of the document, or undefined when it cannot be converted. */
  toContent(doc: Y.Doc, ficheId: string): unknown
  /** The document as editor JSON, for the update rules. */
  toEditorJson(doc: Y.Doc): EditorNodeJson
  /** The schema check of a change that touched `changed` (bounded: see `fiche-check.ts`). */
  checkChange(doc: Y.Doc, ficheId: string, changed: Iterable<Y.AbstractType<any>>): StructureFault | null
}

export type Refusal = { code: string; closeCode: CloseCode; message: string }

/** True while the scratch copy holds structs or deletions whose dependencies have not arrived. */
export function hasMissingDependencies(scratch: Y.Doc): boolean {
  return scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null
}

/** Garbage can decode as new root types outside the fiche. */
export function checkRoots(scratch: Y.Doc, fiche: FicheYjs): Refusal | null {
  const roots = fiche.rootNames()
  for (const name of scratch.share.keys()) {
    if (!roots.includes(name)) {
      return { code: 'type_racine_inconnu', closeCode: CLOSE.protocolError, message: 'type Yjs inconnu à la racine du document' }
    }
  }
  return null
}

export function checkStructure(scratch: Y.Doc, fiche: FicheYjs, onError: (error: unknown) => void): Refusal | null {
  let fault: StructureFault | null
  try {
    fault = fiche.checkStructure(scratch)
  } catch (error) {
    onError(error)
    return { code: 'controle_indisponible', closeCode: CLOSE.storageFailure, message: 'contrôle de la fiche impossible' }
  }
  return fault ? { code: 'structure_invalide', closeCode: CLOSE.invalidStructure, message: fault.message } : null
}

/** The whole fiche schema, on what the change touched; a violation is refused with the fault's code (4422). */
export function checkSchema(
  scratch: Y.Doc,
  ficheId: string,
  changed: Iterable<Y.AbstractType<any>>,
  fiche: FicheYjs,
  onError: (error: unknown) => void,
): Refusal | null {
  let fault: StructureFault | null
  try {
    fault = fiche.checkChange(scratch, ficheId, changed)
  } catch (error) {
    onError(error)
    return { code: 'controle_indisponible', closeCode: CLOSE.storageFailure, message: 'contrôle de la fiche impossible' }
  }
  return fault ? { code: fault.code, closeCode: CLOSE.invalidStructure, message: fault.message } : null
}

/** Whether any rule will read the fiche's JSON for a change with these facts. */
export function rulesReadContent(rules: readonly UpdateRule[], facts: ChangeFacts): boolean {
  return rules.some((rule) => rule.readsContent?.(facts) ?? true)
}

/** The first refusal of the injected rules, as a close-code refusal. */
export function checkRules(rules: readonly UpdateRule[], input: UpdateRuleInput): Refusal | null {
  for (const rule of rules) {
    const refusal = rule(input)
    if (refusal) return { code: refusal.code, closeCode: CLOSE.refusedByRule, message: refusal.message }
  }
  return null
}

/** `before`/`after` of a change no rule said it would read (see `UpdateRule.readsContent`). */
export function contentNotRead(): never {
  throw new Error('règle de mise à jour : contenu lu sans l’avoir annoncé (readsContent)')
}

/**
 * The editor JSON of the state a change starts from. A fiche poisoned
 * before updates were checked (nested past the limit) cannot be converted:
 * the rules then see it as empty, so that the change is judged as writing
 * everything it holds — a full-rights editor's repair passes, and an
 * amendment-only member cannot slip text in.
 */
export function readableJson(fiche: FicheYjs, doc: Y.Doc): EditorNodeJson {
  try {
    return fiche.toEditorJson(doc)
  } catch {
    return { type: 'ficheDoc', content: [] }
  }
}
