/**
 * The change set: the stable JSON that `diffTextes` / `diffFiches` produce
 * and every renderer reads. It is plain data (no classes, no functions), so
 * it can be stored, sent over HTTP and rendered later or elsewhere. Its shape
 * is documented in docs/diff.md; `CHANGE_SET_VERSION` changes when it does.
 */
import type { SectionName } from '@paritaire/schema'

export const CHANGE_SET_VERSION = 1

/** Who wrote one side of the comparison (a version of the negotiation). */
export interface VersionMeta {
  /** Author organisation of that version, e.g. "CGT" or "FNP". */
  organisation: string | null
  /** ISO 8601 date of the version. */
  date: string | null
  /** Optional label of the version ("Propositions CGT du 29 mai 2008"). */
  label?: string | null
  /** Optional version id, for links back to the server. */
  versionId?: string | null
  /** Optional person who made that version (« Proposé par »). */
  person?: string | null
}

/** The organisation (and date) a change is attributed to. */
export interface Author {
  organisation: string
  date: string | null
  /** The person, when known (the version's author). */
  person?: string
}

/** One piece of a word-level redline. `minor` marks typographic-only edits. */
export interface Segment {
  op: 'equal' | 'ins' | 'del'
  text: string
  /** Only typography differs (É/E, ’/', –/-, …/..., spaces): shown discreetly. */
  minor?: true
  /**
   * On equal text with typography ignored: the older wording as written
   * (’ vs '), so that the old side prints what the old text said.
   */
  old?: string
}

/** A value of a structured field, as the canonical model holds it. */
export type FieldValue = string | number | string[] | Record<string, unknown> | null

/**
 * A structured field that changed: `{ field: 'classement.coefficient', old: 150, new: 155 }`.
 * For keyed collections (criteria, paliers, links, grid levels) `key` names
 * the element and `old`/`new` are null when it was added/removed.
 */
export interface FieldChange {
  field: string
  key?: string
  /** French label of the field, for renderers ("Coefficient"). */
  label: string
  old: FieldValue
  new: FieldValue
  /** Word-level redline for text fields (intitulé, période maximale…). */
  segments?: Segment[]
  minor?: true
  author?: Author
  /** With `attributeChanges`: every organisation whose version changed this value on the way. */
  contributors?: string[]
}

export type BlockStatus = 'equal' | 'modified' | 'added' | 'removed' | 'moved'

/**
 * One paragraph, list item or group title, aligned between the two sides.
 * `segments` always hold the whole text (equal parts included), so a renderer
 * can draw the old side (equal + del) and the new side (equal + ins).
 */
export interface BlockChange {
  kind: 'paragraph' | 'item' | 'groupTitle'
  status: BlockStatus
  /** Nesting depth of a list item (0 = top level); 0 for paragraphs. */
  depth: number
  /** Activity group (contenu) of the block on the newer side, else the older one. */
  group?: string | null
  /** For a block that moved: where it was and where it is ("groupe A, position 3"). */
  from?: string
  to?: string
  /** Word diff was too large or too slow: the block is shown as replaced whole. */
  replaced?: true
  segments: Segment[]
  author?: Author
}

export type SectionStatus = 'unchanged' | 'modified' | 'added' | 'removed'

export interface SectionChange {
  section: SectionName
  label: string
  status: SectionStatus
  fields: FieldChange[]
  blocks: BlockChange[]
}

export type FicheStatus = 'added' | 'removed' | 'modified' | 'moved' | 'unchanged'

/** How a pair of fiches was matched across the two sides. */
export type MatchKind = 'id' | 'key' | 'similarity'

export interface FicheChange {
  /**
   * `modified` when any content changed (it may also have moved: see `moved`);
   * `moved` when only its position or filière changed.
   */
  status: FicheStatus
  moved: boolean
  match: MatchKind | null
  /** Content similarity (0…1) of the pair when matched by similarity. */
  similarity?: number
  olderId: string | null
  newerId: string | null
  olderIndex: number | null
  newerIndex: number | null
  /** Title on the newer side (older side for a removed fiche). */
  intitule: string
  code: string | null
  coefficient: number | null
  filiere: { old: string | null; new: string | null }
  /** Empty for unchanged fiches; every section otherwise, in their fixed order. */
  sections: SectionChange[]
  author?: Author
  /** Modified, but every change is typographic (apostrophes, capital accents, spacing…). */
  typographyOnly?: true
}

/** Text parts around the fiches: title, preamble, grid, closing, remainder. */
export type PartName = 'title' | 'idcc' | 'preamble' | 'grid' | 'closing' | 'remainder'

export interface PartChange {
  part: PartName
  label: string
  status: SectionStatus
  fields: FieldChange[]
  blocks: BlockChange[]
}

/** Every classement change across the text: what moves wages. */
export interface ClassementChange {
  /** The fiche; '' for a change of the grid (then `niveau` names the level). */
  ficheId: string
  /** The fiche's title, or the grid level's (« Niveau 2 »). */
  intitule: string
  /** For a grid change (`field: 'grille'`, `key` = the attribute, « coefficients »). */
  niveau?: string
  /** Field inside `classement`: coefficient, niveau, echelon, categorie, degres, periodeMaximale, criteres, paliers. */
  field: string
  key?: string
  old: FieldValue
  new: FieldValue
  author?: Author
}

export interface DiffSummary {
  added: number
  removed: number
  /** Fiches whose content changed (moved or not). */
  modified: number
  /** Fiches whose only change is their position or filière. */
  moved: number
  unchanged: number
  /** Of the modified fiches, those whose every change is typographic. */
  typographyOnly: number
}

export interface ChangeSet {
  changeSetVersion: typeof CHANGE_SET_VERSION
  kind: 'texte' | 'fiche'
  options: { ignoreTypography: boolean }
  older: VersionMeta | null
  newer: VersionMeta | null
  summary: DiffSummary
  classementChanges: ClassementChange[]
  /** Text parts (empty for a fiche diff); only parts that exist on a side. */
  parts: PartChange[]
  /** Fiches in reading order: the newer order, removed fiches at their old place. */
  fiches: FicheChange[]
  /** Number of word diffs that hit the size/time cap and fell back to "replaced". */
  fallbacks: number
  /** Whether the whole change set differs at all (typographic-only edits count unless ignored). */
  identical: boolean
}

export interface DiffOptions {
  /** Hide typographic-only differences instead of showing them as minor. */
  ignoreTypography?: boolean
  olderMeta?: VersionMeta | null
  newerMeta?: VersionMeta | null
  /** Max tokens per side of one word diff before falling back to "replaced" (default 4000). */
  maxTokens?: number
  /** Max edit length of one word diff (default 1200). */
  maxEditLength?: number
  /** Keep the sections of unchanged fiches (all equal) — for a complete DOCX. Default false. */
  includeUnchanged?: boolean
  /** Budget of the whole diff in ms; past it, remaining word diffs fall back (default 400). */
  budgetMs?: number
}
