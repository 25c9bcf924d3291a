/**
 * The schema check of every live change, on the scratch copy, at a bounded
 * cost. Typing — the hot path — changes only the text of existing
 * paragraphs: those texts are scanned for characters the database cannot
 * store (NUL, C0 controls, lone surrogates), nothing is converted. Any other
 * change (elements added or removed, attributes, marks) converts the whole
 * fiche with the bounded converter (`editor-json.ts`: depth and node count
 * capped, no recursion) and runs `validateFiche` of `@paritaire/schema` on
 * it — coefficient 1.5 or −7, malformed critères, unknown nodes are refused
 * with the French message naming the fiche and the field.
 */
import * as Y from 'yjs'
import { editorJsonToFiche, FICHE_YDOC_FIELD, SECTION_LABELS, SECTION_NAMES, validateFiche, type SectionName } from '@paritaire/schema'
import { fragmentToEditorJson, TooDeep, TooMany, MAX_EDITOR_DEPTH, MAX_EDITOR_NODES } from './editor-json.ts'
import type { StructureFault } from './update-check.ts'
import type { EditorNodeJson } from './update-rules.ts'

/**
 * Characters Postgres cannot store in text or jsonb (NUL, lone surrogates)
 * and C0 controls no editor types. Without the `u` flag, so that lone
 * surrogates are seen as such.
 */
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

function hasUnstorable(text: string): boolean {
  return UNSTORABLE.test(text)
}

/** The section (top-level element) a type belongs to, walking up at most past the depth limit. */
function sectionOf(type: Y.AbstractType<any>, fragment: Y.XmlFragment): SectionName | null {
  let node: Y.AbstractType<any> | null = type
  for (let i = 0; node && i <= MAX_EDITOR_DEPTH + 2; i++) {
    const parent: Y.AbstractType<any> | null = node.parent as Y.AbstractType<any> | null
    if (parent === fragment) {
      const name = node instanceof Y.XmlElement ? node.nodeName : ''
      return (SECTION_NAMES as readonly string[]).includes(name) ? (name as SectionName) : null
    }
    node = parent
  }
  return null
}

function where(section: SectionName | null): string {
  return section ? `section ${SECTION_LABELS[section]}` : 'fiche'
}

function unstorableFault(ficheId: string, section: SectionName | null): StructureFault {
  return {
    code: 'caractere_interdit',
    message: `Fiche ${ficheId}, ${where(section)} : caractère interdit (NUL ou caractère de contrôle) dans le texte.`,
  }
}

/** Strings of an editor JSON tree (texts and attribute values), iteratively. */
function findUnstorable(root: EditorNodeJson): boolean {
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value === 'string') {
      if (hasUnstorable(value)) return true
    } else if (Array.isArray(value)) {
      stack.push(...value)
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (hasUnstorable(key)) return true
        stack.push(v)
      }
    }
  }
  return false
}

/**
 * Null when the change that touched `changed` leaves the fiche valid;
 * otherwise the fault, in French.
 */
export function checkFicheChange(doc: Y.Doc, ficheId: string, changed: Iterable<Y.AbstractType<any>>): StructureFault | null {
  const fragment = doc.getXmlFragment(FICHE_YDOC_FIELD)
  let structural = false
  for (const type of changed) {
    if (!(type instanceof Y.XmlText)) {
      structural = true
      continue
    }
    for (const op of type.toDelta() as { insert: unknown; attributes?: unknown }[]) {
      if (typeof op.insert !== 'string') structural = true
      else if (hasUnstorable(op.insert)) return unstorableFault(ficheId, sectionOf(type, fragment))
      if (op.attributes) structural = true
    }
  }
  return structural ? checkWholeFiche(fragment, ficheId) : null
}

/** The full check: bounded conversion, characters, then the schema. */
export function checkWholeFiche(fragment: Y.XmlFragment, ficheId: string): StructureFault | null {
  let json: EditorNodeJson
  try {
    json = fragmentToEditorJson(fragment, 'ficheDoc')
  } catch (error) {
    if (error instanceof TooDeep) {
      return { code: 'imbrication_excessive', message: `Fiche ${ficheId} : imbrication de plus de ${error.limit} niveaux refusée.` }
    }
    if (error instanceof TooMany) {
      return { code: 'fiche_trop_grande', message: `Fiche ${ficheId} : plus de ${MAX_EDITOR_NODES} éléments refusés.` }
    }
    throw error
  }
  if (findUnstorable(json)) return unstorableFault(ficheId, null)
  let fiche: unknown
  try {
    fiche = editorJsonToFiche(json as never, ficheId)
  } catch (error) {
    return { code: 'fiche_invalide', message: `Fiche ${ficheId} : ${(error as Error).message}` }
  }
  const checked = validateFiche(fiche)
  if (checked.ok) return null
  // An empty required text (a critère or palier row just added, an intitulé
  // being retyped) is work in progress that the editor lists among its
  // checks, not hostile content: the live text may hold it, versions refuse it.
  const blocking = checked.issues.filter((issue) => valueAt(fiche, issue.path) !== '')
  if (blocking.length === 0) return null
  const first = blocking[0]!
  // The field first: a WebSocket close reason keeps 123 bytes.
  return { code: 'fiche_invalide', message: `champ ${first.path.join('.')} — ${first.message}` }
}

/** The value at `path` in `root` (undefined when the path leads nowhere). */
function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = root
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string | number, unknown>)[key]
  }
  return node
}
