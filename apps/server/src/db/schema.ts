/**
 * The Kysely table types: what the repositories may read and write. They
 * mirror the migrations in `./migrations` (the migrations stay frozen; this
 * file follows the latest state). Ids are text (random UUIDs made by the
 * server), so a malformed id in a URL simply matches nothing.
 */
import type { ColumnType, Generated } from 'kysely'

export type OrganisationKind = 'union' | 'employer' | 'administration'
export const ORGANISATION_KINDS: readonly OrganisationKind[] = ['union', 'employer', 'administration']
export type Role = 'chair' | 'editor' | 'commenter' | 'viewer'
export const ROLES: readonly Role[] = ['chair', 'editor', 'commenter', 'viewer']
export type VersionStatus = 'draft' | 'proposal' | 'agreed' | 'signed' | 'published'
export const VERSION_STATUSES: readonly VersionStatus[] = ['draft', 'proposal', 'agreed', 'signed', 'published']

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** jsonb: written as a cast expression (see `json.ts`), read back as parsed JSON. */
type Json<T = unknown> = ColumnType<T, unknown, unknown>
type Bytes = ColumnType<Uint8Array, unknown, unknown>

export interface OrganisationTable {
  id: string
  name: string
  kind: OrganisationKind
  created_at: Generated<Date>
  /** The organisation whose chair created it from a negotiation; null when an operator did (migration 2026_12_02_0947). */
  created_by_organisation_id: string | null
}

export interface UserTable {
  id: string
  email: string
  name: string
  organisation_id: string
  password_hash: string
  created_at: Generated<Date>
}

export interface SessionTable {
  id: string
  token_hash: string
  user_id: string
  created_at: Generated<Date>
  expires_at: Timestamp
}

export interface NegotiationTable {
  id: string
  title: string
  idcc: string | null
  slug: string
  status: 'open' | 'closed'
  created_by_organisation_id: string
  created_at: Generated<Date>
  /** Who may accept or reject amendments (migration 2026_12_01_1000). */
  amendment_deciders: Generated<AmendmentDeciders>
}

export type AmendmentDeciders = 'chair' | 'chair_and_editors'
export const AMENDMENT_DECIDERS: readonly AmendmentDeciders[] = ['chair', 'chair_and_editors']

export interface MembershipTable {
  negotiation_id: string
  organisation_id: string
  role: Role
  created_at: Generated<Date>
}

export interface ProposalTable {
  id: string
  negotiation_id: string
  organisation_id: string
  title: string
  base_version_id: string | null
  created_by_user_id: string
  created_at: Generated<Date>
}

/** A proposal fiche as it was last brought back (the next bring-back's merge base). */
export interface ProposalReturnTable {
  proposal_id: string
  fiche_key: string
  content: Json
  brought_back_at: Generated<Date>
}

export interface TextTable {
  negotiation_id: string
  proposal_id: string | null
  /** The Texte without its fiches (title, idcc, family, preamble, grid, closing, remainder). */
  content: Json
  updated_at: Timestamp
}

export interface FicheTable {
  id: string
  negotiation_id: string
  proposal_id: string | null
  /** Identity of the fiche inside the text: same across branches and versions. */
  fiche_key: string
  position: number
  content: Json
  ydoc_state: Bytes | null
  /** The last `fiche_updates.seq` the snapshot (`ydoc_state`) contains. */
  snapshot_seq: Generated<string | number>
  /** The last `fiche_updates.seq` given to this fiche. */
  update_seq: Generated<string | number>
  created_at: Generated<Date>
  updated_at: Timestamp
}

export interface VersionTable {
  id: string
  negotiation_id: string
  proposal_id: string | null
  number: number
  label: string
  author_organisation_id: string
  author_user_id: string
  created_at: Timestamp
  parent_id: string | null
  content: Json
  content_hash: string
  chain_hash: string
  status: VersionStatus
  published_at: Timestamp | null
}

export interface SignatureTable {
  version_id: string
  organisation_id: string
  user_id: string
  signed_on: string
  created_at: Generated<Date>
}

export interface PublicationTable {
  id: string
  negotiation_id: string
  version_id: string
  published_by_user_id: string
  published_at: Timestamp
}

export interface AuditEventTable {
  id: string
  at: Generated<Date>
  user_id: string | null
  organisation_id: string | null
  negotiation_id: string | null
  action: string
  target_type: string | null
  target_id: string | null
  details: Json
}

/** Derived full-text index of fiche sections (live text and versions); see the search migration. */
/** One distinct wording of a section in a negotiation, searchable (words and trigrams). */
export interface SearchBodyTable {
  id: Generated<string>
  negotiation_id: string
  /** SHA-256 of `body`, hex: the same wording is stored once per negotiation. */
  digest: string
  body: string
  norm: string
  tsv: Generated<string>
}

/** Where a wording appears: a section of a live fiche, or of a fiche in a version. */
export interface SearchEntryTable {
  negotiation_id: string
  proposal_id: string | null
  fiche_id: string | null
  version_id: string | null
  fiche_key: string
  intitule: string
  section: string
  body_id: string | number
}

/** A distinct word (lower case, unaccented) of a negotiation's wordings: near-miss candidates by trigrams. */
export interface SearchWordTable {
  negotiation_id: string
  word: string
}

/** Versions' entries pre-grouped: where a wording of a fiche section appears across the versions of a branch. */
export interface SearchSpanTable {
  negotiation_id: string
  proposal_id: string | null
  fiche_key: string
  section: string
  body_id: string | number
  /** At the last version holding the wording. */
  intitule: string
  first_number: number
  first_version_id: string
  last_number: number
  last_version_id: string
  version_count: number
}

/** Up to which fiche update (`seq`), or for which version, the search entries were built. */
export interface SearchIndexedTable {
  target_id: string
  negotiation_id: string
  kind: 'fiche' | 'version'
  seq: Generated<string>
}

/**
 * The sync update log: every accepted Yjs update of a fiche, numbered per
 * fiche (`seq`), with who sent it (null for the server's own changes and
 * rows older than the authors migration). Rows are never deleted by
 * compaction: those up to `fiches.snapshot_seq` are the fiche's history.
 */
export interface FicheUpdateTable {
  fiche_id: string
  seq: ColumnType<string | number, number, never>
  data: Bytes
  user_id: string | null
  organisation_id: string | null
  created_at: Generated<Date>
}

/** Representative weight of a union in a negotiation, in hundredths of a percent (L2232-6). */
export interface RepresentativiteTable {
  negotiation_id: string
  organisation_id: string
  hundredths: number
}

export interface RepresentativiteSourceTable {
  negotiation_id: string
  source: string
  updated_by_user_id: string
  updated_at: Generated<Date>
}

export interface OppositionTable {
  version_id: string
  organisation_id: string
  user_id: string
  motif: string
  created_at: Generated<Date>
}

export interface NotificationTable {
  version_id: string
  notified_on: string
  user_id: string
  created_at: Generated<Date>
}

/** A fiche (or the whole text, key `*`) the chair marked as agreed: locked until unlocked. */
export interface FicheLockTable {
  negotiation_id: string
  fiche_key: string
  /** `accord`: the chair marked it agreed; `signature`: a version of the text was signed (until a new round). */
  reason: 'accord' | 'signature'
  organisation_id: string
  user_id: string
  created_at: Generated<Date>
}

export interface LedgerEventTable {
  negotiation_id: string
  seq: number
  at: Timestamp
  kind: string
  version_id: string | null
  payload: Json
  prev_hash: string
  hash: string
}

export interface LedgerSealTable {
  id: string
  negotiation_id: string
  seq: number
  statement: Json
  signature: string
  created_at: Generated<Date>
}

export type ThreadVisibility = 'negotiation' | 'organisation'
export const THREAD_VISIBILITIES: readonly ThreadVisibility[] = ['negotiation', 'organisation']

/** A comment thread anchored to a range of a fiche (anchors: base64 `Y.RelativePosition`s). */
export interface ThreadTable {
  id: string
  fiche_id: string
  negotiation_id: string
  visibility: ThreadVisibility
  /** The author's organisation: the only one that sees an `organisation` thread. */
  organisation_id: string
  author_user_id: string
  section: string | null
  anchor_start: string
  anchor_end: string
  quote: string
  resolved_at: Timestamp | null
  resolved_by_user_id: string | null
  created_at: Generated<Date>
  updated_at: Timestamp
}

export interface ThreadCommentTable {
  id: string
  thread_id: string
  author_user_id: string
  organisation_id: string
  body: string
  created_at: Generated<Date>
  edited_at: Timestamp | null
  deleted_at: Timestamp | null
}

export interface DB {
  organisations: OrganisationTable
  users: UserTable
  sessions: SessionTable
  negotiations: NegotiationTable
  memberships: MembershipTable
  proposals: ProposalTable
  proposal_returns: ProposalReturnTable
  texts: TextTable
  fiches: FicheTable
  versions: VersionTable
  signatures: SignatureTable
  publications: PublicationTable
  audit_events: AuditEventTable
  search_bodies: SearchBodyTable
  search_entries: SearchEntryTable
  search_indexed: SearchIndexedTable
  search_words: SearchWordTable
  search_spans: SearchSpanTable
  fiche_updates: FicheUpdateTable
  representativite: RepresentativiteTable
  representativite_sources: RepresentativiteSourceTable
  oppositions: OppositionTable
  notifications: NotificationTable
  fiche_locks: FicheLockTable
  ledger_events: LedgerEventTable
  ledger_seals: LedgerSealTable
  threads: ThreadTable
  thread_comments: ThreadCommentTable
}
