/**
 * One function per server route the editor uses (the list is in
 * docs/api.md). Screens call these, never `fetch`, so that a route's shape
 * lives in one place. Responses wrapped in an object (`{ negotiations: [] }`)
 * or bare are both accepted: `unwrap` picks the payload.
 */
import type { Fiche, Texte } from '@paritaire/schema/editing'
import { api, apiBlob, apiText } from './http.ts'
import type {
  ChainCheck,
  FicheRecord,
  FicheSummary,
  ImportResult,
  Me,
  Member,
  Negotiation,
  Proposal,
  Role,
  SearchResult,
  Version,
  VersionDetail,
  VersionStatus,
} from './types.ts'

const enc = encodeURIComponent

function unwrap<T>(value: unknown, key: string): T {
  if (value && typeof value === 'object' && !Array.isArray(value) && key in value) {
    return (value as Record<string, unknown>)[key] as T
  }
  return value as T
}

// --- session ---------------------------------------------------------------

export async function getMe(): Promise<Me> {
  return api<Me>('/api/me')
}

export async function login(email: string, password: string): Promise<Me> {
  await api('/api/auth/login', { method: 'POST', body: { email, password } })
  return getMe()
}

export async function logout(): Promise<void> {
  await api('/api/auth/logout', { method: 'POST', body: {} })
}

export interface ServerInfo {
  status: string
  db: string
  demo?: boolean
  demoLogins?: { email: string; password: string; organisation?: string; name?: string }[]
}

export async function getHealth(): Promise<ServerInfo> {
  return api<ServerInfo>('/api/health')
}

// --- negotiations ----------------------------------------------------------

export async function listNegotiations(): Promise<Negotiation[]> {
  return unwrap<Negotiation[]>(await api('/api/negotiations'), 'negotiations')
}

export async function createNegotiation(input: { title: string; idcc: string | null }): Promise<Negotiation> {
  return unwrap<Negotiation>(await api('/api/negotiations', { method: 'POST', body: input }), 'negotiation')
}

export interface NegotiationDetail extends Negotiation {
  members: Member[]
  /** When a version was published (« Conclue le … »); null before. */
  concludedAt?: string | null
}

export async function getNegotiation(id: string): Promise<NegotiationDetail> {
  return unwrap<NegotiationDetail>(await api(`/api/negotiations/${enc(id)}`), 'negotiation')
}

export async function addMember(negotiationId: string, organisation: string, role: Role): Promise<void> {
  await api(`/api/negotiations/${enc(negotiationId)}/members`, { method: 'POST', body: { organisation, role } })
}

/** A query string naming the proposal branch (nothing for the main draft). */
function branch(proposalId: string | null | undefined, prefix = '?'): string {
  return proposalId ? `${prefix}proposal=${enc(proposalId)}` : ''
}

export async function importTexte(
  negotiationId: string,
  source: string | Uint8Array,
  options: { fileName?: string | null; proposalId?: string | null; mode?: 'append' | 'replace'; preview?: boolean; authors?: Record<string, string> } = {},
): Promise<ImportResult> {
  const params = new URLSearchParams()
  if (options.fileName) params.set('fileName', options.fileName)
  if (options.preview) params.set('preview', 'true')
  if (options.authors && Object.keys(options.authors).length) params.set('authors', JSON.stringify(options.authors))
  if (options.mode) params.set('mode', options.mode)
  if (options.proposalId) params.set('proposal', options.proposalId)
  const query = params.toString()
  return api<ImportResult>(`/api/negotiations/${enc(negotiationId)}/import${query ? `?${query}` : ''}`, {
    method: 'POST',
    body: source,
  })
}

// --- fiches ----------------------------------------------------------------

/** The fiches of the main draft, or of one organisation's proposal. */
export async function listFiches(negotiationId: string, proposalId?: string | null): Promise<FicheSummary[]> {
  return unwrap<FicheSummary[]>(await api(`/api/negotiations/${enc(negotiationId)}/fiches${branch(proposalId)}`), 'fiches')
}

export async function getFiche(id: string): Promise<FicheRecord> {
  return api<FicheRecord>(`/api/fiches/${enc(id)}`)
}

export async function putFiche(id: string, fiche: Fiche): Promise<void> {
  await api(`/api/fiches/${enc(id)}`, { method: 'PUT', body: fiche })
}

/** Deletes a live fiche (the versions keep their copies). */
export async function deleteFiche(id: string): Promise<void> {
  await api(`/api/fiches/${enc(id)}`, { method: 'DELETE' })
}

export async function createFiche(negotiationId: string, intitule: string, proposalId?: string | null): Promise<FicheSummary> {
  const body = proposalId ? { intitule, proposalId } : { intitule }
  return unwrap<FicheSummary>(
    await api(`/api/negotiations/${enc(negotiationId)}/fiches`, { method: 'POST', body }),
    'fiche',
  )
}

/** Creates a fiche from canonical content (e.g. a deleted fiche's local copy); the server gives it a new id. */
export async function createFicheFrom(negotiationId: string, fiche: Fiche, proposalId?: string | null): Promise<FicheSummary> {
  const body = proposalId ? { fiche, proposalId } : { fiche }
  return unwrap<FicheSummary>(await api(`/api/negotiations/${enc(negotiationId)}/fiches`, { method: 'POST', body }), 'fiche')
}

// --- versions, proposals, workflow ------------------------------------------

export async function listVersions(negotiationId: string): Promise<Version[]> {
  return unwrap<Version[]>(await api(`/api/negotiations/${enc(negotiationId)}/versions`), 'versions')
}

export async function createVersion(negotiationId: string, label: string, proposalId?: string | null): Promise<Version> {
  const body = proposalId ? { label, proposalId } : { label }
  return unwrap<Version>(
    await api(`/api/negotiations/${enc(negotiationId)}/versions`, { method: 'POST', body }),
    'version',
  )
}

export async function getVersion(id: string): Promise<VersionDetail> {
  return unwrap<VersionDetail>(await api(`/api/versions/${enc(id)}`), 'version')
}

export async function setVersionStatus(id: string, status: VersionStatus): Promise<void> {
  await api(`/api/versions/${enc(id)}/status`, { method: 'POST', body: { status } })
}

export async function signVersion(id: string): Promise<void> {
  await api(`/api/versions/${enc(id)}/signatures`, { method: 'POST', body: {} })
}

export async function restoreVersion(id: string): Promise<Version> {
  return unwrap<Version>(await api(`/api/versions/${enc(id)}/restore`, { method: 'POST', body: {} }), 'version')
}

export async function verifyChain(negotiationId: string): Promise<ChainCheck> {
  return api<ChainCheck>(`/api/negotiations/${enc(negotiationId)}/versions/verify`)
}

export async function listProposals(negotiationId: string): Promise<Proposal[]> {
  return unwrap<Proposal[]>(await api(`/api/negotiations/${enc(negotiationId)}/proposals`), 'proposals')
}

export async function createProposal(negotiationId: string, fromVersionId: string, label: string): Promise<Proposal> {
  return unwrap<Proposal>(
    await api(`/api/negotiations/${enc(negotiationId)}/proposals`, {
      method: 'POST',
      body: { fromVersionId, label },
    }),
    'proposal',
  )
}

/** The live draft (or a proposal's) as one Texte: canonical JSON of every fiche. */
export async function searchTexte(
  negotiationId: string, q: string, options: { proposalId?: string | null; allVersions?: boolean } = {},
): Promise<SearchResult> {
  const params = new URLSearchParams({ q })
  if (options.allVersions) params.set('version', 'all')
  if (options.proposalId) params.set('proposal', options.proposalId)
  return api<SearchResult>(`/api/negotiations/${enc(negotiationId)}/search?${params}`)
}
