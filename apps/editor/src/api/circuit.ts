/**
 * The signature circuit, locks and representativeness as the editor reads
 * them (shapes of docs/api.md, « Signature circuit » and locks), and the
 * calls that change them. The law's verdict comes from the server only.
 */
import { api } from './http.ts'
import type { Organisation } from './types.ts'

const enc = encodeURIComponent

export interface CircuitOrganisation {
  organisation: Organisation
  percent: number | null
  state: 'signe' | 'non_signe' | 'opposition'
  signedAt: string | null
  signedBy: string | null
  opposedAt: string | null
  motif: string | null
}

export interface Validity {
  versionId: string
  signatoryPercent: number
  opposingPercent: number
  employerSigned: boolean
  notifiedAt: string | null
  oppositionDeadline: string | null
  state: 'en_signature' | 'en_opposition' | 'valide' | 'non_valide'
  publishable: boolean
  reasons: string[]
  open: boolean
  organisations: CircuitOrganisation[]
}

export interface Representativite {
  weights: { organisation: Organisation; percent: number }[]
  totalPercent: number
  source: string | null
  updatedAt: string | null
  updatedBy: string | null
  editable: boolean
}

export interface Lock { key: string; ficheId: string | null; reason: 'accord' | 'signature'; organisation: string; user: string; at: string }

export const getValidity = (versionId: string) => api<Validity>(`/api/versions/${enc(versionId)}/validity`)
export const notifyVersion = (versionId: string, date?: string) =>
  api<Validity>(`/api/versions/${enc(versionId)}/notification`, { method: 'POST', body: date ? { date } : {} })
export const opposeVersion = (versionId: string, motif: string) =>
  api<Validity>(`/api/versions/${enc(versionId)}/oppositions`, { method: 'POST', body: { motif } })
export const getRepresentativite = (negotiationId: string) => api<Representativite>(`/api/negotiations/${enc(negotiationId)}/representativite`)
export const putRepresentativite = (negotiationId: string, weights: { organisation: string; percent: number }[], source: string) =>
  api<Representativite>(`/api/negotiations/${enc(negotiationId)}/representativite`, { method: 'PUT', body: { weights, source } })
export const listLocks = async (negotiationId: string) => (await api<{ locks: Lock[] }>(`/api/negotiations/${enc(negotiationId)}/locks`)).locks
export const lockFiche = (negotiationId: string, fiche: string | null) =>
  api(`/api/negotiations/${enc(negotiationId)}/locks`, { method: 'POST', body: { fiche } })
export const unlockFiche = (negotiationId: string, fiche: string | null) =>
  api(`/api/negotiations/${enc(negotiationId)}/unlock`, { method: 'POST', body: { fiche } })
