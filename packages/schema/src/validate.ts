/**
 * Validation of untrusted canonical JSON (API bodies, imports, stored
 * versions). Wraps the zod schemas of model.ts and turns each zod issue into a
 * `SchemaIssue` a negotiator can act on: which fiche (intitulé and id), which
 * section, which field, and what was expected, in French — plus a stable
 * machine `code` built from the path (`fiche.classement.coefficient.invalid_type`).
 * A valid value is returned in canonical form (see convert/canonical.ts).
 * Before the schemas, one non-recursive pass bounds the nesting depth and
 * refuses characters the database cannot store, so that no input can blow
 * the stack or reach Postgres unstorable.
 */
import type { z } from 'zod'
import { ficheSchema, texteSchema, SECTION_LABELS, SECTION_NAMES, type Fiche, type SectionName, type Texte } from './model.ts'
import { normalizeFiche, normalizeTexte } from './convert/canonical.ts'
import { FIELD_LABELS } from './field-labels.ts'

export { FIELD_LABELS }

export interface SchemaIssue {
  /** Stable machine code, e.g. `fiche.classement.coefficient.invalid_type`. */
  code: string
  /** Path of the offending value inside the validated object. */
  path: (string | number)[]
  /** French, for display. */
  message: string
  ficheId?: string
  section?: SectionName
  field?: string
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] }

type ZodIssue = z.core.$ZodIssue

/** What each field holds, in French, keyed by its path without indices. */
const FIELD_EXPECTATIONS: Record<string, string> = {
  id: 'un identifiant non vide est attendu',
  'denomination.intitule': 'un intitulé non vide est attendu',
  'denomination.appellations': 'une liste de textes est attendue',
  'denomination.code': 'un texte ou un champ vide est attendu',
  'denomination.filiere': 'un texte ou un champ vide est attendu',
  'denomination.sousFamille': 'un texte ou un champ vide est attendu',
  'objet.memesFonctionsQue': "l'identifiant d'une fiche ou un champ vide est attendu",
  'contenu.groups': 'une liste de groupes { titre, items } est attendue',
  'contenu.groups.titre': 'un texte ou un champ vide est attendu',
  'classement.categorie': 'un texte ou un champ vide est attendu',
  'classement.niveau': 'un texte ou un champ vide est attendu',
  'classement.echelon': 'un nombre entier positif ou un champ vide est attendu',
  'classement.degres': 'une liste de textes est attendue',
  'classement.coefficient': 'un nombre entier positif ou un champ vide est attendu',
  'classement.criteres': 'une liste de critères { critere, valeur } est attendue',
  'classement.criteres.critere': 'le nom du critère (texte non vide) est attendu',
  'classement.criteres.valeur': 'un nombre entier entre 0 et 100 est attendu',
  'classement.paliers': 'une liste de paliers { palier, niveau, coefficient } est attendue',
  'classement.paliers.palier': 'le nom du palier (texte non vide) est attendu',
  'classement.paliers.niveau': 'un texte ou un champ vide est attendu',
  'classement.paliers.coefficient': 'un nombre entier positif ou un champ vide est attendu',
  'classement.periodeMaximale': 'une durée en mois ou en années est attendue (par exemple « 6 mois », « 1 an », « 3 ans »)',
  'acces.items': 'une liste de modes d’accès est attendue',
  'evolution.verticale': 'une liste de liens { label, code, ficheId } est attendue',
  'evolution.transversale': 'une liste de liens { label, code, ficheId } est attendue',
  schemaVersion: 'la version de schéma 1 est attendue',
  title: 'un texte est attendu',
  idcc: 'un texte ou un champ vide est attendu',
  family: 'A, B, C, D ou un champ vide est attendu',
  'grid.levels.niveau': 'le nom du niveau (texte non vide) est attendu',
}

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  boolean: 'un booléen',
  object: 'un objet',
  array: 'une liste',
  null: 'rien',
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'rien'
  if (value === null) return 'rien'
  if (Array.isArray(value)) return 'une liste'
  if (value === '') return 'un texte vide'
  if (typeof value === 'string') return `« ${value.length > 40 ? value.slice(0, 40) + '…' : value} »`
  if (typeof value === 'number') return String(value).replace('.', ',')
  if (typeof value === 'object') return 'un objet'
  return typeof value
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/** Generic French wording of a zod issue, used when the field has no specific expectation. */
function genericExpectation(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `${TYPE_NAMES[issue.expected] ?? issue.expected} est attendu`
    case 'too_small':
      return issue.origin === 'string' ? 'un texte non vide est attendu' : `une valeur d’au moins ${String(issue.minimum)} est attendue`
    case 'too_big':
      return `une valeur d’au plus ${String(issue.maximum)} est attendue`
    case 'invalid_value':
      return `une de ces valeurs est attendue : ${issue.values.map((v) => String(v)).join(', ')}`
    case 'invalid_union':
      return 'un bloc « paragraph » ou « bulletList » est attendu'
    case 'unrecognized_keys':
      return `champ inconnu : ${issue.keys.join(', ')}`
    default:
      return 'valeur invalide'
  }
}

function expectationFor(issue: ZodIssue, fieldKey: string, received: unknown): string {
  if (issue.code === 'unrecognized_keys') return `champ${issue.keys.length > 1 ? 's' : ''} inconnu${issue.keys.length > 1 ? 's' : ''} : ${issue.keys.join(', ')}`
  if (issue.code === 'invalid_type' && received === undefined) return `champ manquant (${FIELD_EXPECTATIONS[fieldKey] ?? genericExpectation(issue)})`
  const expected = FIELD_EXPECTATIONS[fieldKey] ?? genericExpectation(issue)
  return issue.code === 'invalid_type' || issue.code === 'too_small' || issue.code === 'too_big' || issue.code === 'custom'
    ? `${expected} (reçu : ${describeValue(received)})`
    : expected
}

/** Words for the list-valued keys, so that a position reads « critère n° 2 » rather than `criteres.1`. */
const ITEM_WORDS: Record<string, string> = {
  criteres: 'critère',
  paliers: 'palier',
  groups: 'groupe',
  items: 'élément',
  children: 'sous-élément',
  appellations: 'appellation',
  degres: 'degré',
  verticale: 'lien vertical',
  transversale: 'lien transversal',
  marks: 'mise en forme',
  levels: 'niveau',
  fiches: 'fiche',
}

/**
 * A path inside a section as a reader says it: `criteres, 1, valeur` →
 * « critère n° 2, valeur »; prose positions are blocks and passages
 * (`content, 0, content, 2, text` → « texte, bloc n° 1, passage n° 3 »).
 */
function describePath(path: readonly (string | number)[]): string {
  const parts: string[] = []
  let depthInText = 0
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!
    const next = path[i + 1]
    if (typeof key === 'number') continue
    const previousKey = path.slice(0, i).findLast((k): k is string => typeof k === 'string')
    if ((key === 'content' || key === 'definition') && (previousKey === 'items' || previousKey === 'children')) {
      // A list item's content is its passages directly.
      depthInText++
      if (typeof next === 'number') parts.push(`passage n° ${next + 1}`)
    } else if (key === 'content' || key === 'definition') {
      const word = depthInText++ === 0 ? 'bloc' : 'passage'
      if (depthInText === 1) parts.push(key === 'content' ? 'texte' : 'définition')
      if (typeof next === 'number') parts.push(`${word} n° ${next + 1}`)
    } else if (key === 'text' && depthInText > 0) {
      // The text of a passage: already named by its position.
    } else if (typeof next === 'number') {
      parts.push(`${ITEM_WORDS[key] ?? key} n° ${next + 1}`)
    } else parts.push(FIELD_LABELS[key] ?? key)
  }
  return parts.join(', ')
}

function isSection(key: unknown): key is SectionName {
  return typeof key === 'string' && (SECTION_NAMES as readonly string[]).includes(key)
}

interface FicheLocation {
  who: string
  section: SectionName | undefined
  field: string | undefined
  names: string[]
  local: (string | number)[]
  ficheId: string | undefined
  /** « Fiche « X » (id), section Contenu, champ … », the start of every message about this place. */
  where: string
}

/** Where `path` (inside a texte when `prefix` is the fiche's path there) points, as a negotiator reads it. */
function locateInFiche(fiche: unknown, prefix: (string | number)[], path: (string | number)[], describeField = true): FicheLocation {
  const local = path.slice(prefix.length)
  const names = local.filter((k): k is string => typeof k === 'string')
  const section = isSection(local[0]) ? local[0] : undefined
  const field = section ? names[1] : names[0]
  const id = valueAt(fiche, ['id'])
  const intitule = valueAt(fiche, ['denomination', 'intitule'])
  const ficheId = typeof id === 'string' && id !== '' ? id : undefined
  const who =
    typeof intitule === 'string' && intitule !== ''
      ? `Fiche « ${intitule.length > 80 ? intitule.slice(0, 80) + '…' : intitule} »${ficheId ? ` (${ficheId})` : ''}`
      : ficheId
        ? `Fiche ${ficheId}`
        : prefix.length > 0
          ? `Fiche n° ${Number(prefix[1]) + 1}`
          : 'Fiche'
  const where = [who]
  if (section) where.push(`section ${SECTION_LABELS[section]}`)
  if (field) where.push(`champ ${describeField ? describePath(local.slice(section ? 1 : 0)) : field}`)
  return { who, section, field, names, local, ficheId, where: where.join(', ') }
}

/** Turns one zod issue at `path` inside a fiche into a SchemaIssue; `prefix` is the fiche's path in a texte. */
function ficheIssue(issue: ZodIssue, fiche: unknown, prefix: (string | number)[]): SchemaIssue {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol')
  const at = locateInFiche(fiche, prefix, path)
  const fieldKey = at.names.join('.')
  const received = valueAt(fiche, at.local)
  const message =
    at.section && at.local.length === 1 && received === undefined
      ? `${at.who} : la section ${SECTION_LABELS[at.section]} est manquante (les six sections sont obligatoires, même vides)`
      : `${at.where} : ${expectationFor(issue, fieldKey, received)}`
  return {
    code: ['fiche', ...at.names, issue.code].join('.'),
    path,
    message,
    ...(at.ficheId ? { ficheId: at.ficheId } : {}),
    ...(at.section ? { section: at.section } : {}),
    ...(at.field ? { field: at.field } : {}),
  }
}

/**
 * Deepest nesting of objects and lists a fiche may have (a fiche and its
 * sections take 7 levels, each nested list 2 more: about 28 list levels).
 * Checked before the zod schemas, which recurse and would overflow the
 * stack on a value nested thousands deep.
 */
export const MAX_NESTING_DEPTH = 64

/**
 * Characters a fiche may not hold: NUL (Postgres text and jsonb cannot store
 * it) and UTF-16 surrogates that are not part of a pair (not valid Unicode:
 * jsonb refuses them, UTF-8 would silently replace them).
 */
const FORBIDDEN_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The first forbidden character of `text`, described (`U+0000`), or null. */
export function forbiddenCharacter(text: string): string | null {
  const found = FORBIDDEN_CHARACTER.exec(text)
  if (!found) return null
  return `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

type LimitFault = { kind: 'depth'; path: (string | number)[] } | { kind: 'character'; path: (string | number)[]; character: string }

/**
 * Walks a JSON value without recursion (so that any depth is safe) and
 * reports the first place that breaks a storage limit: nesting deeper than
 * `maxDepth`, or a string (value or key) with a forbidden character.
 */
function firstLimitFault(value: unknown, maxDepth: number): LimitFault | null {
  interface Frame { value: unknown; depth: number; parent: Frame | null; key: string | number | null }
  const pathOf = (frame: Frame): (string | number)[] => {
    const path: (string | number)[] = []
    for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) path.push(f.key)
    return path.reverse()
  }
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: null }]
  while (stack.length > 0) {
    const frame = stack.pop()!
    const v = frame.value
    if (typeof v === 'string') {
      const character = forbiddenCharacter(v)
      if (character) return { kind: 'character', path: pathOf(frame), character }
      continue
    }
    if (v === null || typeof v !== 'object') continue
    const depth = frame.depth + 1
    if (depth > maxDepth) return { kind: 'depth', path: pathOf(frame) }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth, parent: frame, key: i })
    } else {
      const keys = Object.keys(v)
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!
        const character = forbiddenCharacter(key)
        if (character) return { kind: 'character', path: [...pathOf(frame), key], character }
        stack.push({ value: (v as Record<string, unknown>)[key], depth, parent: frame, key })
      }
    }
  }
  return null
}

/** The issue for a limit fault inside the fiche at `prefix` (empty when the fiche is the validated value). */
function limitIssue(fault: LimitFault, fiche: unknown, prefix: (string | number)[]): SchemaIssue {
  const deep = fault.kind === 'depth'
  const at = locateInFiche(fiche, prefix, fault.path, !deep)
  const message = deep
    ? `${at.where} : imbrication trop profonde (${MAX_NESTING_DEPTH} niveaux d’objets et de listes au plus, soit une trentaine de listes imbriquées)`
    : `${at.where} : caractère interdit ${fault.character} (caractère nul ou demi-caractère Unicode isolé, que la base de données ne peut pas enregistrer)`
  return {
    code: ['fiche', ...at.names.slice(0, deep ? 2 : undefined), deep ? 'too_deep' : 'forbidden_character'].join('.'),
    path: deep ? fault.path.slice(0, prefix.length + 3) : fault.path,
    message,
    ...(at.ficheId ? { ficheId: at.ficheId } : {}),
    ...(at.section ? { section: at.section } : {}),
    ...(at.field ? { field: at.field } : {}),
  }
}

/**
 * The storage limits of a fiche, checked before its schema: nesting depth
 * and forbidden characters. Cheap (one pass, no recursion), so the sync
 * side may call it on every change; `validateFiche` runs it first.
 */
export function ficheLimitIssues(value: unknown): SchemaIssue[] {
  const fault = firstLimitFault(value, MAX_NESTING_DEPTH)
  return fault ? [limitIssue(fault, value, [])] : []
}

/** Same for a texte: each fiche by its name, the rest of the texte by its field. */
function texteLimitIssues(value: unknown): SchemaIssue[] {
  // A texte holds its fiches two levels down (texte → fiches → fiche).
  const fault = firstLimitFault(value, MAX_NESTING_DEPTH + 2)
  if (!fault) return []
  const [first, index] = fault.path
  if (first === 'fiches' && typeof index === 'number' && fault.path.length > 2) {
    return [limitIssue(fault, valueAt(value, ['fiches', index]), ['fiches', index])]
  }
  const names = fault.path.filter((k): k is string => typeof k === 'string')
  const where = names.length > 0 ? `Texte, champ ${names[0]}` : 'Texte'
  return [{
    code: ['texte', ...names.slice(0, 1), fault.kind === 'depth' ? 'too_deep' : 'forbidden_character'].join('.'),
    path: fault.path.slice(0, 3),
    message: fault.kind === 'depth'
      ? `${where} : imbrication trop profonde (${MAX_NESTING_DEPTH} niveaux d’objets et de listes au plus)`
      : `${where} : caractère interdit ${fault.character} (caractère nul ou demi-caractère Unicode isolé, que la base de données ne peut pas enregistrer)`,
    ...(names[0] ? { field: names[0] } : {}),
  }]
}

function texteIssue(issue: ZodIssue, texte: unknown): SchemaIssue {
  const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol')
  if (path[0] === 'fiches' && typeof path[1] === 'number' && path.length > 2) {
    return ficheIssue(issue, valueAt(texte, path.slice(0, 2)), path.slice(0, 2))
  }
  const names = path.filter((k): k is string => typeof k === 'string')
  const fieldKey = names.join('.')
  const received = valueAt(texte, path)
  const where = names.length > 0 ? `Texte, champ ${fieldKey}` : 'Texte'
  return {
    code: ['texte', ...names, issue.code].join('.'),
    path,
    message: `${where} : ${expectationFor(issue, fieldKey, received)}`,
    ...(names[0] ? { field: names[0] } : {}),
  }
}

/**
 * Checks that `value` is a canonical fiche. On success returns it in canonical
 * form; on failure, one issue per problem.
 * @example
 * const r = validateFiche(body)
 * if (!r.ok) throw new AppError(422, r.issues[0].code, r.issues[0].message)
 */
export function validateFiche(value: unknown): ValidationResult<Fiche> {
  const limits = ficheLimitIssues(value)
  if (limits.length > 0) return { ok: false, issues: limits }
  const parsed = ficheSchema.safeParse(value)
  if (parsed.success) return { ok: true, value: normalizeFiche(parsed.data) }
  return { ok: false, issues: parsed.error.issues.map((issue) => ficheIssue(issue, value, [])) }
}

/** Checks a whole texte (fiches included); duplicate fiche ids are an issue too. */
export function validateTexte(value: unknown): ValidationResult<Texte> {
  const limits = texteLimitIssues(value)
  if (limits.length > 0) return { ok: false, issues: limits }
  const parsed = texteSchema.safeParse(value)
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => texteIssue(issue, value)) }
  const seen = new Map<string, number>()
  const issues: SchemaIssue[] = []
  parsed.data.fiches.forEach((fiche, index) => {
    const first = seen.get(fiche.id)
    if (first === undefined) seen.set(fiche.id, index)
    else
      issues.push({
        code: 'texte.fiches.id.duplicate',
        path: ['fiches', index, 'id'],
        message: `Fiche « ${fiche.denomination.intitule} » (${fiche.id}) : l’identifiant est déjà celui de la fiche n° ${first + 1} ; chaque fiche doit avoir un identifiant unique`,
        ficheId: fiche.id,
        field: 'id',
      })
  })
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, value: normalizeTexte(parsed.data) }
}
