/**
 * The shapes the editor reads from the server's JSON API (see docs/api.md).
 * Only the fields the screens use are listed; the server may send more.
 */
import type { Fiche, Texte } from '@paritaire/schema/editing'

export type Role = 'chair' | 'editor' | 'commenter' | 'viewer'
export type OrganisationKind = 'union' | 'employer' | 'administration'
export type VersionStatus = 'draft' | 'proposal' | 'agreed' | 'signed' | 'published'

export interface Organisation {
  id: string
  name: string
  kind: OrganisationKind
}

export interface User {
  id: string
  email: string
  name: string
}

export interface Me {
  user: User
  organisation: Organisation
}

export interface Negotiation {
  id: string
  title: string
  idcc: string | null
  status: string
  slug: string
  /** The caller's organisation's role in this negotiation. */
  role: Role
  createdAt?: string
}

export interface Member {
  organisation: Organisation
  role: Role
}

export interface FicheSummary {
  id: string
  /** The fiche's identity inside the text (versions, public pages: `#fiche-<key>`). */
  key?: string
  intitule: string
  filiere: string | null
  sousFamille: string | null
  code: string | null
  coefficient: number | null
  niveau: string | null
  position?: number
  /** Set when the fiche belongs to an organisation's proposal, not the main draft. */
  proposalId?: string | null
}

export interface Signature {
  organisation: Organisation
  signedAt: string
  user?: { name: string } | null
}

export interface Version {
  id: string
  negotiationId: string
  /** Order of creation within the negotiation (1, 2, …). */
  number?: number
  label: string
  status: VersionStatus
  organisation: Organisation | null
  author?: { name: string } | null
  createdAt: string
  parentId: string | null
  hash: string
  proposalId?: string | null
  signatures: Signature[]
}

export interface VersionDetail extends Version {
  texte: Texte
}

export interface Proposal {
  id: string
  label: string
  organisation: Organisation
  baseVersionId: string | null
  createdAt: string
}

export interface ChainCheck {
  ok: boolean
  /** The first version whose hash does not match, when the chain is broken. */
  brokenAt?: string | null
  versions?: { id: string; ok: boolean; problem?: string }[]
}

export interface ImportWarning {
  code: string
  message: string
  line?: number
  text?: string
}

export interface ImportResult {
  family: string | null
  /** texte, kali or docx. */
  format?: string
  fiches: FicheSummary[]
  created: number
  warnings: ImportWarning[]
  added?: string[]
  replaced?: string[]
  conflicts?: { key: string; intitule: string; storedAs: string; resolution: 'added-under-new-key' | 'replaced' }[]
  notes?: string[]
  docx?: {
    changes: { type: 'ins' | 'del'; author: string; date: string | null; text: string }[]
    authors: string[]
    unknownAuthors: string[]
    comments: { id: string; author: string; date: string | null; text: string; anchor: string }[]
    /** Each Word author, with the organisation given or guessed from its name (null: to be chosen). */
    /** Amendments (per fiche) and threads created from the tracked changes and comments. */
    amendments?: { key: string; ficheId: string; ids: string[] }[]
    threads?: { key: string; ficheId: string; threadId: string; quote: string }[]
    authorMapping?: { name: string; changes: number; comments: number; organisation: { id: string; name: string } | null; source: 'given' | 'guessed' | 'none' }[]
  } | null
  /** True when nothing was stored (`preview`). */
  preview?: boolean
}

export interface FicheRecord {
  fiche: Fiche
  negotiationId: string
  role?: Role
  proposalId?: string | null
}

export const ROLE_LABELS: Record<Role, string> = {
  chair: 'Présidence',
  editor: 'Rédaction',
  commenter: 'Amendements et commentaires',
  viewer: 'Lecture seule',
}

export const STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'Brouillon',
  proposal: 'Proposition',
  agreed: 'Validée',
  signed: 'Signée',
  published: 'Publiée',
}

export const KIND_LABELS: Record<OrganisationKind, string> = {
  union: 'Syndicat',
  employer: 'Organisation patronale',
  administration: 'Administration',
}

/** Roles that may change the document (everyone else reads). */
export function canEdit(role: Role | null | undefined): boolean {
  return role === 'chair' || role === 'editor'
}

/** GET /api/negotiations/:id/search (see apps/server/src/services/search.ts). */
export interface SearchHit {
  ficheId: string | null
  ficheKey: string
  intitule: string
  section: string
  sectionLabel: string
  /** Escaped text, matches in <mark>. */
  extract: string
  rank: number
  versions?: { first: { id: string; number: number }; last: { id: string; number: number }; count: number }
}

export interface SearchResult {
  query: string
  mode: 'texte' | 'approchant'
  scope: 'live' | 'version' | 'versions'
  hits: SearchHit[]
}
